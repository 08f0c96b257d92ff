using System.Globalization;
using FlowRouter.Core.Errors;
using FlowRouter.Protocols.OpenAIChat;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>Writes a <see cref="GatewayError"/> to the client in OpenAI's error JSON, with its status and Retry-After.</summary>
internal static class ErrorResponses
{
    public static async Task WriteOpenAIAsync(HttpContext http, GatewayError error)
    {
        var response = http.Response;
        if (response.HasStarted)
        {
            return;
        }
        response.StatusCode = error.Status is >= 400 and <= 599 ? error.Status : StatusCodes.Status502BadGateway;
        response.ContentType = "application/json";
        if (error.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        OpenAIErrorWriter.Write(error, response.BodyWriter);
        await response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
