using System.Net;
using System.Net.Http.Json;
using FlowRouter.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Files at rest are private: the data dir and backups/ are 0700 and every file FlowRouter writes there is 0600 —
/// at start, after requests (WAL, shared memory, usage journal), after backups from the API and the CLI, after a
/// restore — and a data dir left 0755/0644 by an older version is fixed at start. (Unix only: on Windows the profile's
/// ACLs do this job and nothing is changed.)
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateDataDirTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDir = Private | UnixFileMode.UserExecute;
    private const UnixFileMode Loose = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-modes-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Every file and folder under <paramref name="dataDir"/> whose mode is not the private one, as "path mode".</summary>
    private static List<string> NotPrivate(string dataDir)
    {
        var wrong = new List<string>();
        Check(dataDir, PrivateDir);
        foreach (string path in Directory.EnumerateFileSystemEntries(dataDir, "*", SearchOption.AllDirectories))
        {
            Check(path, Directory.Exists(path) ? PrivateDir : Private);
        }
        return wrong;

        void Check(string path, UnixFileMode expected)
        {
            var mode = File.GetUnixFileMode(path);
            if (mode != expected)
            {
                wrong.Add($"{Path.GetRelativePath(dataDir, path)} {Convert.ToString((int)mode, 8)}");
            }
        }
    }

    private static void AssertPrivate(string dataDir, params string[] mustExist)
    {
        foreach (string name in mustExist)
        {
            Assert.True(File.Exists(Path.Combine(dataDir, name)), $"{name} missing");
        }
        var wrong = NotPrivate(dataDir);
        Assert.True(wrong.Count == 0, "not private: " + string.Join(", ", wrong));
    }

    [Fact]
    public async Task DataDir_StartRequestsBackupsAndRestore_EveryFileStaysOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        string dataDir = Path.Combine(_dir, "data");
        string apiBackup, cliBackup;
        await using (var harness = await RouterHarness.StartAsync(dataDir: dataDir))
        {
            AssertPrivate(dataDir, "flowrouter.db", "server.lock", "master.key");

            using var http = harness.Http();
            using (var json = await http.PostAsJsonAsync("v1/chat/completions", new { model = "fake/gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } }))
            {
                json.EnsureSuccessStatusCode();
            }
            AssertPrivate(dataDir, "flowrouter.db-wal", "flowrouter.db-shm");
            Assert.NotEmpty(Directory.GetFiles(dataDir, "usage-*.journal"));

            var created = await AdminConfigEditTests.SendAsync(http, HttpMethod.Post, "api/backups", null, HttpStatusCode.Created);
            apiBackup = Path.Combine("backups", created.GetProperty("backup").GetProperty("name").GetString()!);
            AssertPrivate(dataDir, apiBackup);

            var (exit, output, error) = await CliRunner.RunAsync("backup", "--data-dir", dataDir);
            Assert.True(exit == 0, error);
            cliBackup = Path.GetRelativePath(dataDir, output.Trim());
            AssertPrivate(dataDir, apiBackup, cliBackup);

            string elsewhere = Path.Combine(_dir, "copies", "by-hand.db");
            Assert.Equal(0, (await CliRunner.RunAsync("backup", "--data-dir", dataDir, "--out", elsewhere)).Exit);
            Assert.Equal(Private, File.GetUnixFileMode(elsewhere));
            Assert.Equal(PrivateDir, File.GetUnixFileMode(Path.GetDirectoryName(elsewhere)!));
        }

        // A backup file someone made world-readable still restores to a private store.
        string loose = Path.Combine(_dir, "loose.db");
        File.Copy(Path.Combine(dataDir, apiBackup), loose);
        File.SetUnixFileMode(loose, Loose);
        var (restoreExit, _, restoreError) = await CliRunner.RunAsync("restore", loose, "--data-dir", dataDir);
        Assert.True(restoreExit == 0, restoreError);
        Assert.Single(Directory.GetFiles(Path.Combine(dataDir, "backups"), "before-restore-*.db"));
        AssertPrivate(dataDir, "flowrouter.db", apiBackup, cliBackup);

        // A restore into a data dir that does not exist yet makes it private too.
        string fresh = Path.Combine(_dir, "fresh");
        Assert.Equal(0, (await CliRunner.RunAsync("restore", loose, "--data-dir", fresh)).Exit);
        AssertPrivate(fresh, "flowrouter.db");
    }

    [Fact]
    public async Task Start_DataDirLeftWorldReadable_IsMadePrivateAndOtherFilesAreLeftAlone()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        string dataDir = Path.Combine(_dir, "old");
        using (SqliteStore.Open(dataDir, TimeProvider.System))
        {
        }
        SqliteConnection.ClearAllPools();
        string backups = BackupFiles.DirectoryFor(dataDir);
        Directory.CreateDirectory(backups);
        File.WriteAllText(Path.Combine(backups, "flowrouter-20250101-000000.db"), "");
        File.WriteAllText(Path.Combine(dataDir, "server.lock"), "123\n");
        File.WriteAllText(Path.Combine(dataDir, "config.yaml"), "server: { port: 0 }\n");
        string notes = Path.Combine(dataDir, "notes.txt");
        File.WriteAllText(notes, "mine");
        foreach (string file in Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, Loose);
        }
        File.SetUnixFileMode(dataDir, PrivateDir | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(backups, File.GetUnixFileMode(dataDir));

        await using (await RouterHarness.StartAsync(dataDir: dataDir))
        {
            Assert.Equal(Loose, File.GetUnixFileMode(notes));
            File.Delete(notes);
            AssertPrivate(dataDir, "flowrouter.db", "server.lock", "config.yaml", "backups/flowrouter-20250101-000000.db");
        }
    }
}
