using System.Text.Encodings.Web;
using System.Text.Json;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Writer settings for every body this codec produces: non-ASCII text as UTF-8 rather than \uXXXX, like Anthropic's
/// own responses (smaller bodies, readable logs); safe because the output is an API body, never embedded in HTML.
/// </summary>
internal static class AnthropicJsonOptions
{
    public static readonly JsonWriterOptions Writer = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static readonly JsonDocumentOptions Document = new() { MaxDepth = 256 };
}
