using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>
/// The model and method of a Gemini API path, /v1beta/models/{model}:{method} (or /v1/…). The model may hold slashes
/// (any FlowRouter address: /v1beta/models/anthropic/claude-sonnet-4-5:generateContent), so the route is a catch-all
/// split at its last ':' — Gemini's methods never contain one, model names may.
/// </summary>
internal readonly record struct GeminiRoute(string Model, string Method)
{
    public const string RouteValue = "rest";
    public const string Generate = "generateContent";
    public const string StreamGenerate = "streamGenerateContent";
    public const string CountTokens = "countTokens";

    public static GeminiRoute Of(HttpRequest request) => Parse(request.RouteValues[RouteValue] as string ?? "");

    public static GeminiRoute Parse(string rest)
    {
        rest = Uri.UnescapeDataString(rest);
        int colon = rest.LastIndexOf(':');
        return colon < 0 ? new GeminiRoute(rest, "") : new GeminiRoute(rest[..colon], rest[(colon + 1)..]);
    }

    /// <summary>The model as a FlowRouter address: "models/" is how Google's SDKs name every model, not part of it.</summary>
    public static string Address(string model) => model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
}
