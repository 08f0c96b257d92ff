using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Endpoints;
using FlowRouter.Hosting;
using FlowRouter.Ingress;
using FlowRouter.Protocols.Transforms;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.TokenSaving;

/// <summary>
/// What FlowRouter changes in a client's request body before routing it, when asked to: bulky tool output condensed
/// (token saver) and a terse-answer instruction in the system prompt (caveman mode). With both off — or nothing to
/// change — the client's bytes go on untouched.
/// </summary>
internal readonly struct RequestSavings(GatewayContext gateway, IngressProtocol protocol)
{
    /// <summary>The rewritten body (null: keep the client's), or a 400 for a bad control header.</summary>
    public (RequestBody? Body, GatewayError? Error) Apply(HttpRequest request, RequestBody body, string model, ClientKeyConfig? key, RequestOutcome outcome)
    {
        var config = gateway.Config;
        var combo = config.Combos.FirstOrDefault(c => c.Name == model);
        var (choice, error) = SavingChoice.For(request, config.Server, key, combo);
        if (error is not null || !choice.Any)
        {
            return (null, error);
        }
        byte[]? bytes = null;
        if (choice.TokenSaver)
        {
            var saving = gateway.TokenSaver.Apply(body.Span, protocol.ToolOutputFormat, config.Server.TokenSaverMinChars);
            if (saving.Body is not null)
            {
                bytes = saving.Body;
                outcome.ToolTokensBefore = saving.TokensBefore;
                outcome.ToolTokensAfter = saving.TokensAfter;
            }
        }
        if (CavemanInstructions.For(choice.Caveman) is { } instruction)
        {
            bytes = SystemPromptAppender.Append(bytes ?? body.Span, protocol.ToolOutputFormat, instruction, CavemanInstructions.Marker) ?? bytes;
        }
        return (bytes is null ? null : RequestBody.Rewritten(bytes), null);
    }
}
