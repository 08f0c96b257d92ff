using System.Text.Json;
using FlowRouter.Configuration;
using FlowRouter.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// GET /api/settings (each setting's value, where it comes from — config file, API or default — and whether it may be
/// changed) and PUT|PATCH /api/settings {"name": value, …} (null resets to the default). Applied at once, no restart.
/// </summary>
internal sealed class SettingsApi(GatewayContext gateway)
{
    public async Task GetAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        var stored = await Task.Run(gateway.Store.AllSettings, http.RequestAborted).ConfigureAwait(false);
        await AdminResponses.WriteObjectAsync(http, json => Write(json, stored)).ConfigureAwait(false);
    }

    public async Task UpdateAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false) || await AdminResponses.ReadObjectAsync(http).ConfigureAwait(false) is not { } body)
        {
            return;
        }
        using var document = JsonDocument.Parse(body.ToJsonString());
        var changes = document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value)).ToArray();
        await AdminResponses.EditAsync(http, () =>
        {
            gateway.Editor.SetSettings(changes);
            return gateway.Store.AllSettings();
        }, Write).ConfigureAwait(false);
    }

    private void Write(Utf8JsonWriter json, IReadOnlyDictionary<string, string> stored)
    {
        var server = gateway.Config.Server;
        json.WriteStartArray("settings");
        foreach (var definition in EditableSettings.All)
        {
            string source = EditableSettings.Source(server, stored, definition.Name);
            json.WriteStartObject();
            json.WriteString("name", definition.Name);
            definition.Write(json, "value", server);
            json.WriteString("source", source);
            json.WriteBoolean("read_only", source == Core.Config.ConfigOrigins.File);
            json.WriteString("description", definition.Description);
            if (definition.Options is { } options)
            {
                json.WriteStartArray("options");
                foreach (string option in options)
                {
                    json.WriteStringValue(option);
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
