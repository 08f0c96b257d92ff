namespace FlowRouter.Core.Errors;

/// <summary>
/// An error to show a client: its kind, the HTTP status to answer with, and a message that is safe to show (no
/// secrets). <see cref="Type"/>, <see cref="Code"/> and <see cref="Param"/> carry an upstream's own words when the
/// client speaks the same protocol, so they pass through unchanged.
/// </summary>
public sealed record GatewayError(ErrorKind Kind, int Status, string Message)
{
    public string? Type { get; init; }
    public string? Code { get; init; }
    public string? Param { get; init; }

    /// <summary>Seconds the client should wait before retrying, when known.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static GatewayError InvalidRequest(string message, string? param = null) =>
        new(ErrorKind.InvalidRequest, 400, message) { Param = param };

    public static GatewayError NotFound(string message) => new(ErrorKind.NotFound, 404, message);
}
