using System.Diagnostics;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// A test that drives an official JS SDK through Node (tests/js). Skipped, saying why, only when node is not installed;
/// a missing tests/js/node_modules fails the test with the command to run (CI runs npm ci there).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NodeFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> NodeInstalled = new(() =>
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            node!.WaitForExit(10_000);
            return node.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public NodeFactAttribute()
    {
        if (!NodeInstalled.Value)
        {
            Skip = "node is not installed: the JS SDK client tests need Node 20+ (apt-get install nodejs npm, then npm ci in tests/js).";
        }
    }
}
