using System.Text;
using FlowRouter.Configuration;
using FlowRouter.Hosting;
using FlowRouter.Hosting.Login;
using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FlowRouter.Cli;

/// <summary>
/// `flowrouter admin password [--clear] [--data-dir DIR]`: sets the admin password (read from stdin; asked twice
/// without echo on a terminal), stored as its argon2id hash in the data dir's store, or removes it. Works whether or
/// not a server runs on the data dir: a running server reads the setting on every check, so the change counts at once
/// (and sessions opened with the previous password end); with no server running the store is created if needed
/// (so a password can be set before the first start on a non-loopback address) under the data-dir lock.
/// </summary>
internal static class AdminCommand
{
    public static int Password(bool clear, string? dataDirFlag, TextReader stdin, bool interactive, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        string dataDir = SettingsResolver.ResolveDataDir(dataDirFlag, environment);
        string? hash = null;
        if (!clear)
        {
            string? password = interactive ? PromptTwice(stderr) : stdin.ReadLine();
            if (password is null)
            {
                stderr.WriteLine("flowrouter: admin password: no password given (type it, or pipe it on stdin: echo \"$PW\" | flowrouter admin password)");
                return CliApp.ExitUsage;
            }
            if (password.Length is < PasswordHasher.MinPasswordLength or > PasswordHasher.MaxPasswordLength)
            {
                stderr.WriteLine($"flowrouter: admin password: the password must be {PasswordHasher.MinPasswordLength} to {PasswordHasher.MaxPasswordLength} characters long (got {password.Length})");
                return CliApp.ExitUsage;
            }
            hash = PasswordHasher.Hash(password);
        }
        else if (!File.Exists(Path.Combine(dataDir, SqliteStore.FileName)))
        {
            stdout.WriteLine($"no admin password is stored in {dataDir}");
            return CliApp.ExitOk;
        }
        bool serverRunning;
        try
        {
            serverRunning = Write(dataDir, hash);
        }
        catch (StoreException ex)
        {
            stderr.WriteLine("flowrouter: admin password: " + ex.Message);
            return CliApp.ExitFailure;
        }
        catch (SqliteException ex)
        {
            stderr.WriteLine($"flowrouter: admin password: {Path.Combine(dataDir, SqliteStore.FileName)}: {ex.Message} (a store from an older FlowRouter in use by its server? stop it and try again)");
            return CliApp.ExitFailure;
        }
        stdout.WriteLine(clear
            ? $"admin password removed from {Path.Combine(dataDir, SqliteStore.FileName)}"
            : $"admin password set (argon2id m={PasswordHasher.MemoryKib},t={PasswordHasher.Iterations},p={PasswordHasher.Parallelism}) in {Path.Combine(dataDir, SqliteStore.FileName)}");
        if (serverRunning)
        {
            stdout.WriteLine("the server running on this data dir uses it from now on; sessions opened with the previous password have ended");
        }
        WarnIfConfigWins(dataDirFlag, stderr, environment);
        return CliApp.ExitOk;
    }

    /// <summary>Writes the setting; true when a running server holds the data dir (its schema is left as it is).</summary>
    private static bool Write(string dataDir, string? hash)
    {
        if (DataDirLock.IsHeld(dataDir))
        {
            using var running = SqliteStore.OpenExisting(dataDir);
            running.SetSetting(AdminPassword.SettingName, hash, TimeProvider.System.GetUtcNow());
            return true;
        }
        // No server: hold the lock so none starts half-way, and create or migrate the store as a start would.
        using var hold = DataDirLock.Acquire(dataDir);
        using var store = SqliteStore.Open(dataDir, TimeProvider.System);
        store.SetSetting(AdminPassword.SettingName, hash, TimeProvider.System.GetUtcNow());
        return false;
    }

    private static void WarnIfConfigWins(string? dataDirFlag, TextWriter stderr, Func<string, string?> environment)
    {
        try
        {
            var settings = SettingsResolver.Resolve(new ServeOptions(DataDir: dataDirFlag), environment);
            if (settings.Config.Server.AdminPasswordHash is not null)
            {
                stderr.WriteLine($"note: {settings.Config.SourcePath} sets server.admin_password_hash, which wins over the stored password until it is removed");
            }
        }
        catch (ConfigException)
        {
            // The config is checked where it is used; this note is only a courtesy.
        }
    }

    private static string? PromptTwice(TextWriter stderr)
    {
        string? first = Prompt(stderr, "New admin password: ");
        if (first is null)
        {
            return null;
        }
        string? second = Prompt(stderr, "Repeat it: ");
        if (first == second)
        {
            return first;
        }
        stderr.WriteLine("flowrouter: admin password: the two entries differ; nothing was changed");
        return null;
    }

    /// <summary>Reads a line from the terminal without echoing it.</summary>
    private static string? Prompt(TextWriter stderr, string label)
    {
        stderr.Write(label);
        stderr.Flush();
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                stderr.WriteLine();
                return text.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (key.KeyChar == '\u0004' && text.Length == 0)
            {
                stderr.WriteLine();
                return null; // Ctrl+D on an empty line
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
