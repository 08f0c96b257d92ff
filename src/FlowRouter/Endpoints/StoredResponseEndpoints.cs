using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Responses;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// GET and DELETE /v1/responses/{id}: a stored Responses answer, visible only to the client key that created it, or
/// to the admin (another key gets the same 404 as an id that never existed, so ids cannot be probed).
/// </summary>
internal sealed class StoredResponseEndpoints(GatewayContext gateway)
{
    public async Task GetAsync(HttpContext http, string id)
    {
        if (await OwnerAsync(http) is not { } caller)
        {
            return;
        }
        if (await gateway.Responses.FindAsync(id, caller.Owner).ConfigureAwait(false) is not { } stored)
        {
            await ErrorResponses.WriteOpenAIAsync(http, NotFound(id)).ConfigureAwait(false);
            return;
        }
        byte[] json = System.Text.Encoding.UTF8.GetBytes(stored.ResponseJson);
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = json.Length;
        await http.Response.Body.WriteAsync(json, http.RequestAborted).ConfigureAwait(false);
    }

    public async Task DeleteAsync(HttpContext http, string id)
    {
        if (await OwnerAsync(http) is not { } caller)
        {
            return;
        }
        if (!await gateway.Responses.DeleteAsync(id, caller.Owner).ConfigureAwait(false))
        {
            await ErrorResponses.WriteOpenAIAsync(http, NotFound(id)).ConfigureAwait(false);
            return;
        }
        http.Response.ContentType = "application/json";
        var writer = new System.Text.Json.Utf8JsonWriter(http.Response.BodyWriter);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("object", "response");
            writer.WriteBoolean("deleted", true);
            writer.WriteEndObject();
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Whose responses the caller may see: its client key's (after the same checks as generation), or, for a caller
    /// that presents the admin's own credentials (the admin token or a login session), anyone's. Null after
    /// answering 401.
    /// </summary>
    private async Task<Visibility?> OwnerAsync(HttpContext http)
    {
        if (PresentsAdminLogin(http))
        {
            return Visibility.Admin;
        }
        var (_, keyName, error) = ClientKeyGate.Check(gateway, http.Request);
        if (error is not null)
        {
            await ErrorResponses.WriteOpenAIAsync(http, error).ConfigureAwait(false);
            return null;
        }
        return new Visibility(ResponseOwner.Of(keyName));
    }

    /// <summary>Explicit admin credentials only: "this machine" in no-login mode is no reason to see every key's data.</summary>
    private bool PresentsAdminLogin(HttpContext http)
    {
        var admin = gateway.Admin;
        if (admin.Login.TokenMatches(AdminAccess.BearerToken(http.Request)))
        {
            return true;
        }
        var (passwordHash, _) = admin.Login.Password.Current();
        return (passwordHash is not null || admin.Login.OidcConfigured) && admin.Session(http, passwordHash) is not null;
    }

    /// <summary>The owner whose responses are visible; null: every owner's (the admin).</summary>
    private sealed record Visibility(string? Owner)
    {
        public static readonly Visibility Admin = new((string?)null);
    }

    private static GatewayError NotFound(string id) =>
        new(ErrorKind.NotFound, 404, $"No response found with id '{id}'.") { Param = "response_id" };
}
