using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>
/// Which wire format's error shape a request expects, judged by its path alone (for answers given before any
/// endpoint runs): Gemini under /v1beta and for the Gemini-style /v1/models/{model}:{method} calls, Anthropic under
/// /v1/messages, OpenAI for everything else (the OpenAI routes, the admin API, the dashboard).
/// </summary>
internal static class ErrorShapeByPath
{
    public static IngressProtocol For(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/v1beta", StringComparison.Ordinal)
            || path.StartsWithSegments("/v1/models", StringComparison.Ordinal) && path.Value!.Contains(':', StringComparison.Ordinal))
        {
            return GeminiIngress.Instance;
        }
        return path.StartsWithSegments("/v1/messages", StringComparison.Ordinal) ? AnthropicIngress.Instance : OpenAIChatIngress.Instance;
    }
}
