using System.Text.Encodings.Web;
using System.Text.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Writer settings for every body this codec produces. The relaxed encoder writes non-ASCII text and quotes as
/// themselves (UTF-8, \") rather than \uXXXX, like OpenAI does: smaller bodies, readable logs. It is safe here
/// because the output is an API body, never embedded in HTML.
/// </summary>
internal static class OpenAIJsonOptions
{
    public static readonly JsonWriterOptions Writer = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };
}
