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
        if (s.Length > 4 && s[0] == '#' && char.IsAsciiDigit(s[1]) && s.Contains(" 0x", StringComparison.Ordinal))
        {
            return IsNativeLibrary(s) ? Kind.Library : Kind.User;
        }
        return Kind.NotFrame;
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
            || f.StartsWith("<anonymous>", StringComparison.Ordinal) || f.Contains("(native)", StringComparison.Ordinal))
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

    /// <summary>A Go frame's function line followed by its <c>\t/path/file.go:12 +0x1d</c> line.</summary>
    public static bool IsGoFramePair(string function, string location) =>
        location.StartsWith('\t') && location.Contains(".go:", StringComparison.Ordinal) && !function.StartsWith('\t')
        && function.EndsWith(')') && !function.Contains(' ', StringComparison.Ordinal);

    public static bool IsGoLibrary(string function, string location) =>
        function.StartsWith("runtime.", StringComparison.Ordinal) || function.StartsWith("testing.", StringComparison.Ordinal)
        || function.StartsWith("reflect.", StringComparison.Ordinal) || function.StartsWith("created by runtime.", StringComparison.Ordinal)
        || location.Contains("/go/src/", StringComparison.Ordinal) || location.Contains("/pkg/mod/", StringComparison.Ordinal)
        || location.Contains("/usr/local/go/", StringComparison.Ordinal);

    /// <summary>Python's column markers under a source line: <c>^^^^</c>, <c>~~~~^^^^</c>.</summary>
    public static bool IsCaretLine(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        return !s.IsEmpty && !s.ContainsAnyExcept("^~");
    }
}
