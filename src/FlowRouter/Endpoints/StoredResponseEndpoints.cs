using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Responses;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// GET and DELETE /v1/responses/{id}: a stored Responses answer, visible only to the client key that created it
/// (another key gets the same 404 as an id that never existed, so ids cannot be probed).
/// </summary>
internal sealed class StoredResponseEndpoints(GatewayContext gateway)
{
    public async Task GetAsync(HttpContext http, string id)
    {
        if (await OwnerAsync(http) is not { } owner)
        {
            return;
        }
        if (await gateway.Responses.FindAsync(id, owner).ConfigureAwait(false) is not { } stored)
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
        if (await OwnerAsync(http) is not { } owner)
        {
            return;
        }
        if (!await gateway.Responses.DeleteAsync(id, owner).ConfigureAwait(false))
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

    private async Task<string?> OwnerAsync(HttpContext http)
    {
        var auth = gateway.Authenticator.Authenticate(http.Request);
        if (!auth.Allowed)
        {
            await ErrorResponses.WriteOpenAIAsync(http, new GatewayError(ErrorKind.Authentication, 401, auth.Problem!) { Code = "invalid_api_key" }).ConfigureAwait(false);
            return null;
        }
        return ResponseOwner.Of(auth.KeyName);
    }

    private static GatewayError NotFound(string id) =>
        new(ErrorKind.NotFound, 404, $"No response found with id '{id}'.") { Param = "response_id" };
}
