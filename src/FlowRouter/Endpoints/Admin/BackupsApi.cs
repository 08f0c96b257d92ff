using System.Globalization;
using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// GET /api/backups (the backup files in &lt;data-dir&gt;/backups, newest first), POST /api/backups (a consistent copy
/// now, as `flowrouter backup` makes) and GET /api/backups/{name} (download one). Only plain file names of *.db files
/// in that folder are ever served. A backup holds no usable credential without the master key. Admin access only.
/// </summary>
internal sealed class BackupsApi(GatewayContext gateway)
{
    private string Folder => BackupFiles.DirectoryFor(gateway.Settings.DataDir);

    public async Task ListAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        var files = Directory.Exists(Folder)
            ? new DirectoryInfo(Folder).EnumerateFiles("*.db").OrderByDescending(f => f.LastWriteTimeUtc).ToList()
            : [];
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteStartArray("backups");
            foreach (var file in files)
            {
                Write(json, file);
            }
            json.WriteEndArray();
            json.WriteNumber("keep", gateway.Config.Server.BackupKeep);
            json.WriteNumber("interval_hours", gateway.Config.Server.BackupIntervalHours);
        }).ConfigureAwait(false);
    }

    public async Task CreateAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        string path;
        try
        {
            // The name is unique even for two backups in the same millisecond (the second gets a counter).
            var now = gateway.Time.GetUtcNow();
            path = await Task.Run(() => gateway.Store.BackupToDefault(gateway.Settings.DataDir, now), http.RequestAborted).ConfigureAwait(false);
        }
        catch (StoreException ex)
        {
            await ErrorResponses.WriteOpenAIAsync(http, new GatewayError(ErrorKind.Internal, 500, ex.Message) { Code = "backup_failed" }).ConfigureAwait(false);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status201Created;
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WritePropertyName("backup");
            Write(json, new FileInfo(path));
        }).ConfigureAwait(false);
    }

    public async Task DownloadAsync(HttpContext http, string name)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        string path = Path.Combine(Folder, name);
        bool plainName = name.EndsWith(".db", StringComparison.Ordinal) && Path.GetFileName(name) == name && !name.StartsWith('.');
        if (!plainName || !File.Exists(path))
        {
            await ErrorResponses.WriteOpenAIAsync(http, GatewayError.NotFound($"No backup named '{name}'.") with { Code = "not_found" }).ConfigureAwait(false);
            return;
        }
        http.Response.ContentType = "application/vnd.sqlite3";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await http.Response.SendFileAsync(path, http.RequestAborted).ConfigureAwait(false);
    }

    private static void Write(Utf8JsonWriter json, FileInfo file)
    {
        json.WriteStartObject();
        json.WriteString("name", file.Name);
        json.WriteNumber("size_bytes", file.Length);
        json.WriteString("created_at", file.LastWriteTimeUtc.ToString("O", CultureInfo.InvariantCulture));
        json.WriteString("kind", file.Name.StartsWith("before-restore-", StringComparison.Ordinal) ? "before-restore"
            : BackupFiles.TryParseTime(file.Name, out _) ? "backup"
            : file.Name.StartsWith("flowrouter-v", StringComparison.Ordinal) ? "migration" : "other");
        json.WriteEndObject();
    }
}
