using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Tells stack frames from other lines, and frames of the runtime, the standard library and third-party packages
/// (<c>System.*</c>, <c>node_modules</c>, <c>node:internal</c>, <c>site-packages</c>, <c>java.*</c>, Go's runtime,
/// libc and the sanitizer runtime) from frames of the user's own code, which are the ones to keep.
/// </summary>
internal static class StackFrames
{
    public enum Kind { NotFrame, User, Library }

    private static readonly string[] DotnetLibrary =
    [
        "System.", "Microsoft.", "Xunit.", "xunit.", "NUnit.", "MSTest.", "InvokeStub_", "Castle.", "lambda_method",
        "Moq.", "FluentAssertions.", "Shouldly.", "TUnit.",
    ];

    private static readonly string[] JavaLibrary =
    [
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.junit.", "junit.", "org.apache.maven.", "org.gradle.",
        "kotlin.", "kotlinx.", "scala.", "org.springframework.", "org.testng.", "worker.org.gradle.",
    ];

    /// <summary>An <c>at …</c> frame (.NET, Node, Java) or a Python <c>File "…", line N, in f</c> frame.</summary>
    public static Kind Classify(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().TrimStart();
        if (s.StartsWith("at ", StringComparison.Ordinal) && s.Length > 3)
        {
            return ClassifyAt(s[3..]);
        }
        if (s.StartsWith("File \"", StringComparison.Ordinal) && s.Contains("\", line ", StringComparison.Ordinal))
        {
            return IsPythonLibrary(s[6..]) ? Kind.Library : Kind.User;
        }
        // node --test prints its stack without "at": "Test.run (node:internal/test_runner/test:796:25)".
        if (IsBareNodeInternalFrame(s))
        {
            return Kind.Library;
        }
        if (s.Length > 4 && s[0] == '#' && char.IsAsciiDigit(s[1]) && s.Contains(" 0x", StringComparison.Ordinal))
        {
            return IsNativeLibrary(s) ? Kind.Library : Kind.User;
        }
        return Kind.NotFrame;
    }

    private static bool IsBareNodeInternalFrame(ReadOnlySpan<char> s)
    {
        if (!s.EndsWith(")", StringComparison.Ordinal))
        {
            return false;
        }
        int open = s.IndexOf(" (node:", StringComparison.Ordinal);
        if (open <= 0)
        {
            return false;
        }
        ReadOnlySpan<char> function = s[..open];
        if (function.StartsWith("async ", StringComparison.Ordinal))
        {
            function = function[6..];
        }
        return !function.Contains(' ');
    }

    private static Kind ClassifyAt(ReadOnlySpan<char> f)
    {
        if (f.StartsWith("async ", StringComparison.Ordinal))
        {
            f = f[6..];
        }
        if (f.StartsWith("new ", StringComparison.Ordinal))
        {
            f = f[4..];
        }
        if (f.Contains("node_modules", StringComparison.Ordinal) || f.Contains("node:", StringComparison.Ordinal)
            || f.Contains("(internal/", StringComparison.Ordinal) || f.EndsWith("(<anonymous>)", StringComparison.Ordinal)
            || f.StartsWith("<anonymous>", StringComparison.Ordinal) || f.Contains("(native)", StringComparison.Ordinal)
            || f.StartsWith("/rustc/", StringComparison.Ordinal))
        {
            return Kind.Library;
        }
        foreach (string p in DotnetLibrary)
        {
            if (f.StartsWith(p, StringComparison.Ordinal))
            {
                return Kind.Library;
            }
        }
        foreach (string p in JavaLibrary)
        {
            if (f.StartsWith(p, StringComparison.Ordinal) || f.StartsWith("java.base/", StringComparison.Ordinal))
            {
                return Kind.Library;
            }
        }
        return Kind.User;
    }

    public static bool IsPythonLibrary(ReadOnlySpan<char> path) =>
        path.Contains("site-packages", StringComparison.Ordinal) || path.Contains("dist-packages", StringComparison.Ordinal)
        || path.StartsWith("<frozen ", StringComparison.Ordinal) || path.Contains("/lib/python3.", StringComparison.Ordinal)
        || path.Contains("/lib/python3/", StringComparison.Ordinal) || path.Contains("/lib/python2.", StringComparison.Ordinal);

    private static bool IsNativeLibrary(ReadOnlySpan<char> s) =>
        s.Contains(" in __interceptor_", StringComparison.Ordinal) || s.Contains(" in __asan", StringComparison.Ordinal)
        || s.Contains(" in __sanitizer", StringComparison.Ordinal) || s.Contains(" in __libc_", StringComparison.Ordinal)
        || s.Contains(" in _start", StringComparison.Ordinal) || s.Contains("libasan.so", StringComparison.Ordinal)
        || s.Contains("libubsan.so", StringComparison.Ordinal) || s.Contains("libtsan.so", StringComparison.Ordinal)
        || s.Contains("libc.so", StringComparison.Ordinal) || s.Contains("(/lib/", StringComparison.Ordinal)
        || s.Contains("(/usr/lib/", StringComparison.Ordinal) || s.Contains("libstdc++", StringComparison.Ordinal)
        || s.Contains(" in operator new", StringComparison.Ordinal) || s.Contains(" in operator delete", StringComparison.Ordinal);

    /// <summary>
    /// A frame printed on two lines: Go's <c>main.f(0x1)</c> then <c>\t/path/file.go:12 +0x1d</c>, or Rust's
    /// <c>   4: crate::f</c> then <c>             at ./src/lib.rs:8:26</c>. <see cref="Kind.NotFrame"/> when
    /// <paramref name="first"/> does not start one.
    /// </summary>
    public static Kind ClassifyPair(string first, string? second)
    {
        if (second is null)
        {
            return Kind.NotFrame;
        }
        if (second.StartsWith('\t') && second.Contains(".go:", StringComparison.Ordinal) && !first.StartsWith('\t')
            && first.EndsWith(')') && !first.Contains(' ', StringComparison.Ordinal))
        {
            bool library = first.StartsWith("runtime.", StringComparison.Ordinal) || first.StartsWith("testing.", StringComparison.Ordinal)
                || first.StartsWith("reflect.", StringComparison.Ordinal) || second.Contains("/go/src/", StringComparison.Ordinal)
                || second.Contains("/pkg/mod/", StringComparison.Ordinal) || second.Contains("/usr/local/go/", StringComparison.Ordinal);
            return library ? Kind.Library : Kind.User;
        }
        ReadOnlySpan<char> a = first.AsSpan().TrimStart();
        ReadOnlySpan<char> b = second.AsSpan().TrimStart();
        int colon = a.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && Lines.IsDigits(a[..colon]) && b.StartsWith("at ", StringComparison.Ordinal) && Lines.Indent(second) > Lines.Indent(first))
        {
            ReadOnlySpan<char> symbol = a[(colon + 2)..];
            bool library = symbol.StartsWith("core::", StringComparison.Ordinal) || symbol.StartsWith("std::", StringComparison.Ordinal)
                || symbol.StartsWith("alloc::", StringComparison.Ordinal) || symbol.StartsWith("__rust", StringComparison.Ordinal)
                || symbol.StartsWith("test::", StringComparison.Ordinal) || symbol.StartsWith('<')
                || b.Contains("/rustc/", StringComparison.Ordinal) || b.Contains("/.cargo/registry/", StringComparison.Ordinal);
            return library ? Kind.Library : Kind.User;
        }
        return Kind.NotFrame;
    }

    /// <summary>Python's column markers under a source line: <c>^^^^</c>, <c>~~~~^^^^</c>.</summary>
    public static bool IsCaretLine(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        return !s.IsEmpty && !s.ContainsAnyExcept("^~");
    }
}
