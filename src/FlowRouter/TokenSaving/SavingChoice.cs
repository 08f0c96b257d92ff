using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.TokenSaving;

/// <summary>
/// Whether a request gets the token saver and which caveman level, from the most specific say: the request's header
/// (x-flowrouter-token-saver: on|off, x-flowrouter-caveman: off|lite|full|ultra), then its client key, then the combo
/// it asks for (token saver only), then the server's setting.
/// </summary>
internal readonly record struct SavingChoice(bool TokenSaver, string Caveman)
{
    public const string TokenSaverHeader = "x-flowrouter-token-saver";
    public const string CavemanHeader = "x-flowrouter-caveman";

    public bool Any => TokenSaver || Caveman != CavemanLevels.Off;

    /// <summary>The choice, or a 400 naming the header when a header's value is not one it takes.</summary>
    public static (SavingChoice Choice, GatewayError? Error) For(HttpRequest request, ServerConfig server, ClientKeyConfig? key, ComboConfig? combo)
    {
        bool saver = key?.TokenSaver ?? combo?.TokenSaver ?? server.TokenSaver;
        string caveman = key?.Caveman ?? server.Caveman;
        string? saverHeader = request.Headers[TokenSaverHeader];
        if (!string.IsNullOrEmpty(saverHeader))
        {
            switch (saverHeader.Trim().ToLowerInvariant())
            {
                case "on" or "true" or "1":
                    saver = true;
                    break;
                case "off" or "false" or "0":
                    saver = false;
                    break;
                default:
                    return (default, GatewayError.InvalidRequest($"Header {TokenSaverHeader}: expected on or off, got '{saverHeader}'.", TokenSaverHeader));
            }
        }
        string? cavemanHeader = request.Headers[CavemanHeader];
        if (!string.IsNullOrEmpty(cavemanHeader))
        {
            string level = cavemanHeader.Trim().ToLowerInvariant();
            if (!CavemanLevels.IsKnown(level))
            {
                return (default, GatewayError.InvalidRequest($"Header {CavemanHeader}: expected one of {string.Join(", ", CavemanLevels.All)}, got '{cavemanHeader}'.", CavemanHeader));
            }
            caveman = level;
        }
        return (new SavingChoice(saver, caveman), null);
    }
}
