using System.CommandLine;
using FlowRouter.Hosting;

namespace FlowRouter.Cli;

/// <summary>
/// The command line: `flowrouter [serve]`, `config check`, `backup`, `restore`, `usage`, `providers list|test`,
/// `keys create|list|revoke`, `admin password` and `compress`. A bad flag is one line on stderr and exit
/// code 2, before anything starts.
/// </summary>
internal static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    /// <param name="stdin">Where `admin password` and `compress` read; null: the console (a password is asked without echo on a terminal).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, TextReader? stdin = null)
    {
        var root = Build(stdout, stderr, environment, stdin ?? Console.In);
        root.Subcommands.Add(BuildAdmin(stdout, stderr, environment, stdin));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line, whatever the parser's message looks like (some list their choices one per line).
            string message = string.Join(' ', parsed.Errors[0].Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await stderr.WriteLineAsync($"flowrouter: {message} (see 'flowrouter --help')").ConfigureAwait(false);
            return ExitUsage;
        }
        // Ctrl+C and SIGTERM are the web host's to handle (graceful drain), not the parser's.
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }

    private static RootCommand Build(TextWriter stdout, TextWriter stderr, Func<string, string?> environment, TextReader stdin)
    {
        var root = new RootCommand("FlowRouter: one local endpoint for every LLM provider (OpenAI-compatible gateway with failover).");
        var rootOptions = new ServeFlags();
        rootOptions.AddTo(root);
        root.SetAction((result, _) => ServeCommand.RunAsync(rootOptions.Read(result), stdout, stderr, environment));

        var serve = new Command("serve", "Start the router (the default when no command is given).");
        var serveOptions = new ServeFlags();
        serveOptions.AddTo(serve);
        serve.SetAction((result, _) => ServeCommand.RunAsync(serveOptions.Read(result), stdout, stderr, environment));
        root.Subcommands.Add(serve);

        var configFile = new Option<string>("--config") { Description = "The config file to check (YAML or JSON).", HelpName = "FILE" };
        var check = new Command("check", "Validate a config file and print the resolved providers, models and combos (secrets masked).");
        check.Options.Add(configFile);
        check.SetAction(result => ConfigCheckCommand.Run(result.GetValue(configFile), stdout, stderr, environment));
        var config = new Command("config", "Work with config files.");
        config.Subcommands.Add(check);
        root.Subcommands.Add(config);
        root.Subcommands.Add(BuildBackup(stdout, stderr, environment));
        root.Subcommands.Add(BuildRestore(stdout, stderr, environment));
        root.Subcommands.Add(BuildUsage(stdout, stderr, environment));
        root.Subcommands.Add(BuildProviders(stdout, stderr, environment));
        root.Subcommands.Add(BuildKeys(stdout, stderr, environment));
        root.Subcommands.Add(BuildCompress(stdin, stdout, stderr));
        return root;
    }

    private static Command BuildCompress(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var kind = new Option<string>("--kind") { Description = "The kind of tool output, or auto to detect it from its first KB. Default: auto.", HelpName = "auto|KIND" };
        var command = new Option<string>("--command") { Description = "The shell command that produced the output (optional; settles what the content cannot, e.g. find vs grep -l).", HelpName = "CMD" };
        var stats = new Option<bool>("--stats") { Description = "Also print the kind used and the sizes on stderr." };
        var compress = new Command("compress", "Read a tool output on stdin and print what the token saver makes of it (for measuring).");
        compress.Options.Add(kind);
        compress.Options.Add(command);
        compress.Options.Add(stats);
        compress.SetAction((result, _) => CompressCommand.RunAsync(result.GetValue(kind), result.GetValue(command), result.GetValue(stats), stdin, stdout, stderr));
        return compress;
    }

    private static Option<string> DataDirOption() =>
        new("--data-dir") { Description = "Where the store lives. Env: FLOWROUTER_DATA_DIR. Default: ~/.flowrouter.", HelpName = "DIR" };

    private static Command BuildBackup(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var outFile = new Option<string>("--out") { Description = "Where to write the copy. Default: <data-dir>/backups/flowrouter-<UTC time>.db.", HelpName = "FILE" };
        var dataDir = DataDirOption();
        var backup = new Command("backup", "Write a consistent copy of the store (safe while the server runs) and print its path.");
        backup.Options.Add(outFile);
        backup.Options.Add(dataDir);
        backup.SetAction(result => BackupCommand.Run(result.GetValue(outFile), result.GetValue(dataDir), stdout, stderr, environment));
        return backup;
    }

    private static Command BuildRestore(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var file = new Argument<string>("FILE") { Description = "A backup made by 'flowrouter backup' (or a scheduled one)." };
        var dataDir = DataDirOption();
        var restore = new Command("restore", "Replace the store with a backup (the server must be stopped; the current database is kept under backups/).");
        restore.Arguments.Add(file);
        restore.Options.Add(dataDir);
        restore.SetAction(result => RestoreCommand.Run(result.GetValue(file)!, result.GetValue(dataDir), stdout, stderr, environment));
        return restore;
    }

    private static Command BuildAdmin(TextWriter stdout, TextWriter stderr, Func<string, string?> environment, TextReader? stdin)
    {
        var clear = new Option<bool>("--clear") { Description = "Remove the stored password instead of setting one." };
        var dataDir = DataDirOption();
        var password = new Command("password",
            $"Set the admin password (read from stdin, {Hosting.Login.PasswordHasher.MinPasswordLength}+ characters; stored as its argon2id hash in the data dir's store), or remove it with --clear.");
        password.Options.Add(clear);
        password.Options.Add(dataDir);
        password.SetAction(result => AdminCommand.Password(result.GetValue(clear), result.GetValue(dataDir),
            stdin ?? Console.In, stdin is null && !Console.IsInputRedirected, stdout, stderr, environment));
        var admin = new Command("admin", "Admin access: the login password.");
        admin.Subcommands.Add(password);
        return admin;
    }

    private static Command BuildProviders(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var providers = new Command("providers", "List the providers, or test one with a real call.");
        var listFlags = new StoreFlags();
        var list = new Command("list", "The providers from the config file, the environment and the admin API, keys masked.");
        listFlags.AddTo(list);
        list.SetAction(result => ProvidersCommand.List(listFlags.Read(result), stdout, stderr, environment));
        var testFlags = new StoreFlags();
        var id = new Argument<string>("ID") { Description = "The provider id." };
        var test = new Command("test", "Call the provider's model list and say what came back, or the exact error.");
        test.Arguments.Add(id);
        testFlags.AddTo(test);
        test.SetAction((result, _) => ProvidersCommand.TestAsync(result.GetValue(id)!, testFlags.Read(result), stdout, stderr, environment));
        providers.Subcommands.Add(list);
        providers.Subcommands.Add(test);
        return providers;
    }

    private static Command BuildKeys(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var keys = new Command("keys", "Client keys kept in the store: create (the key is shown once), list, revoke. Safe while the server runs.");

        var name = new Argument<string>("NAME") { Description = "The key's name (shown in logs and usage): letters, digits, '.', '_', '@', '-'." };
        var models = new Option<string>("--models") { Description = "Models it may use, comma-separated (provider/model, combo names, patterns ending in *).", HelpName = "LIST" };
        var providers = new Option<string>("--providers") { Description = "Provider ids it may reach, comma-separated.", HelpName = "LIST" };
        var rpm = new Option<int?>("--rpm") { Description = "Requests per minute.", HelpName = "N" };
        var tpm = new Option<long?>("--tpm") { Description = "Tokens per minute.", HelpName = "N" };
        var daily = new Option<decimal?>("--daily-budget") { Description = "US dollars per UTC day (list prices).", HelpName = "USD" };
        var monthly = new Option<decimal?>("--monthly-budget") { Description = "US dollars per UTC month (list prices).", HelpName = "USD" };
        var expires = new Option<string>("--expires") { Description = "Refused after this date or time (e.g. 2026-12-31).", HelpName = "WHEN" };
        var createFlags = new StoreFlags();
        var create = new Command("create", "Create a client key and print it (once; only its hash is stored).") { name, models, providers, rpm, tpm, daily, monthly, expires };
        createFlags.AddTo(create);
        create.SetAction(result => KeysCommand.Create(result.GetValue(name)!,
            new KeysCommand.Limits(result.GetValue(models), result.GetValue(providers), result.GetValue(rpm), result.GetValue(tpm),
                result.GetValue(daily), result.GetValue(monthly), result.GetValue(expires)),
            createFlags.Read(result), stdout, stderr, environment));

        var listFlags = new StoreFlags();
        var list = new Command("list", "List client keys (file and store): state and limits, never the keys.");
        listFlags.AddTo(list);
        list.SetAction(result => KeysCommand.List(listFlags.Read(result), stdout, stderr, environment));

        var revokeName = new Argument<string>("NAME") { Description = "The key to revoke." };
        var revokeFlags = new StoreFlags();
        var revoke = new Command("revoke", "Revoke a client key: refused from then on, kept so its usage stays attributed.") { revokeName };
        revokeFlags.AddTo(revoke);
        revoke.SetAction(result => KeysCommand.Revoke(result.GetValue(revokeName)!, revokeFlags.Read(result), stdout, stderr, environment));

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(list);
        keys.Subcommands.Add(revoke);
        return keys;
    }

    private static Command BuildUsage(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var since = new Option<string>("--since") { Description = "How far back: 30m, 24h, 7d, 2w. Default: 7d.", HelpName = "PERIOD" };
        var by = new Option<string>("--by") { Description = "Group by provider, model or key. Default: provider.", HelpName = "provider|model|key" };
        var dataDir = DataDirOption();
        var usage = new Command("usage", "Show the request log summed by provider, model or client key: requests, errors, tokens, cost.");
        usage.Options.Add(since);
        usage.Options.Add(by);
        usage.Options.Add(dataDir);
        usage.SetAction(result => UsageCommand.Run(result.GetValue(since), result.GetValue(by), result.GetValue(dataDir), stdout, stderr, environment));
        return usage;
    }

    /// <summary>--config and --data-dir, for commands that change the stored config.</summary>
    private sealed class StoreFlags
    {
        private readonly Option<string> _config = new("--config") { Description = "Config file. Env: FLOWROUTER_CONFIG.", HelpName = "FILE" };
        private readonly Option<string> _dataDir = DataDirOption();

        public void AddTo(Command command)
        {
            command.Options.Add(_config);
            command.Options.Add(_dataDir);
        }

        public ServeOptions Read(ParseResult result) => new(ConfigPath: result.GetValue(_config), DataDir: result.GetValue(_dataDir));
    }

    /// <summary>The serve flags; each command gets its own instances so help lists them under it.</summary>
    private sealed class ServeFlags
    {
        private readonly Option<string> _config = new("--config") { Description = "Config file (YAML or JSON). Env: FLOWROUTER_CONFIG. Default: <data-dir>/config.yaml if present.", HelpName = "FILE" };
        private readonly Option<string> _host = new("--host") { Description = "Address to listen on. Env: FLOWROUTER_HOST. Default: 127.0.0.1.", HelpName = "H" };
        private readonly Option<int?> _port = new("--port") { Description = "Port to listen on. Env: FLOWROUTER_PORT. Default: 2402.", HelpName = "N" };
        private readonly Option<string> _dataDir = new("--data-dir") { Description = "Where the store lives. Env: FLOWROUTER_DATA_DIR. Default: ~/.flowrouter.", HelpName = "DIR" };
        private readonly Option<string> _logLevel = new("--log-level") { Description = "trace|debug|information|warning|error|critical|none. Default: information.", HelpName = "L" };

        public ServeFlags()
        {
            _port.CustomParser = ParsePort;
            _logLevel.AcceptOnlyFromAmong("trace", "debug", "information", "info", "warning", "warn", "error", "critical", "none");
        }

        private static int? ParsePort(System.CommandLine.Parsing.ArgumentResult result)
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int port) && port is >= 0 and <= 65535)
            {
                return port;
            }
            result.AddError($"--port: expected a port number from 0 to 65535, got '{text}'");
            return null;
        }

        public void AddTo(Command command)
        {
            command.Options.Add(_config);
            command.Options.Add(_host);
            command.Options.Add(_port);
            command.Options.Add(_dataDir);
            command.Options.Add(_logLevel);
        }

        public ServeOptions Read(ParseResult result) => new(
            result.GetValue(_config), result.GetValue(_host), result.GetValue(_port), result.GetValue(_dataDir), result.GetValue(_logLevel));
    }
}
