using System.Buffers;
using System.Text.Json;
using FlowRouter.Core.Errors;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Writes a <see cref="GatewayError"/> as OpenAI's error body {"error":{"message","type","param","code"}}.
/// An upstream's own type/code/param (GatewayError.Type/Code/Param) pass through unchanged; otherwise the kind picks
/// the words OpenAI itself sends for that situation (see <see cref="TypeFor"/>).
/// </summary>
public static class OpenAIErrorWriter
{
    public static byte[] Write(GatewayError error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(error, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(GatewayError error, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, OpenAIJsonOptions.Writer);
        Write(error, writer);
    }

    internal static void Write(GatewayError error, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(error);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", error.Message);
        writer.WriteString("type", error.Type ?? TypeFor(error.Kind));
        writer.WriteString("param", error.Param);
        writer.WriteString("code", error.Code ?? CodeFor(error.Kind));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// OpenAI's error "type" for a kind. OpenAI answers client mistakes — bad key (401, code invalid_api_key), unknown
    /// model (404, code model_not_found) — with "invalid_request_error"; rate limits (429) with "requests" or
    /// "tokens" (we say "requests": the gateway limits requests) and code rate_limit_exceeded; exhausted credit with
    /// "insufficient_quota"; its own failures with "server_error". SDKs branch on the HTTP status, these words are
    /// for people and log filters. For 403 OpenAI also sends "invalid_request_error" with a specific code (e.g.
    /// unsupported_country_region_territory), so a 403 keeps that type and says why in the code.
    /// </summary>
    public static string TypeFor(ErrorKind kind) => kind switch
    {
        ErrorKind.RateLimited => "requests",
        ErrorKind.QuotaExceeded => "insufficient_quota",
        ErrorKind.Overloaded or ErrorKind.UpstreamError or ErrorKind.UpstreamUnreachable
            or ErrorKind.UpstreamTimeout or ErrorKind.Internal => "server_error",
        _ => "invalid_request_error",
    };

    /// <summary>OpenAI's "code" for a kind, or null where OpenAI sends none.</summary>
    public static string? CodeFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Authentication => "invalid_api_key",
        ErrorKind.PermissionDenied => "permission_denied",
        ErrorKind.NotFound => "model_not_found",
        ErrorKind.RequestTooLarge => "request_too_large",
        ErrorKind.UnsupportedMediaType => "unsupported_media_type",
        ErrorKind.RateLimited => "rate_limit_exceeded",
        ErrorKind.QuotaExceeded => "insufficient_quota",
        ErrorKind.Overloaded => "server_overloaded",
        ErrorKind.NotSupported => "unsupported_parameter",
        ErrorKind.UpstreamUnreachable => "upstream_unreachable",
        ErrorKind.UpstreamTimeout => "upstream_timeout",
        _ => null,
    };
}
