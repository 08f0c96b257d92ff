using System.Text;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// One route family a client can send a body to, with a body template whose model (§M, a JSON string token), user
/// text (§X, a JSON value) and temperature (§T) a test replaces, the error shape it must answer in, and a target of
/// its own format (passthrough) and of another (translated) on <see cref="FourFormatServer"/>.
/// </summary>
public sealed record ClientRoute(string Name, ErrorShape Shape, string PathTemplate, string Template, string Native, string Translated)
{
    public static readonly ClientRoute Chat = new("chat", ErrorShape.OpenAI, "v1/chat/completions",
        """{"model":§M,"messages":[{"role":"user","content":§X}],"temperature":§T}""", "oai/m", "ant/m");

    public static readonly ClientRoute Responses = new("responses", ErrorShape.OpenAI, "v1/responses",
        """{"model":§M,"input":[{"role":"user","content":[{"type":"input_text","text":§X}]}],"temperature":§T,"store":false}""", "resp/m", "ant/m");

    public static readonly ClientRoute Messages = new("messages", ErrorShape.Anthropic, "v1/messages",
        """{"model":§M,"max_tokens":16,"messages":[{"role":"user","content":§X}],"temperature":§T}""", "ant/m", "oai/m");

    public static readonly ClientRoute Gemini = new("gemini", ErrorShape.Gemini, "v1beta/models/§P:generateContent",
        """{"contents":[{"role":"user","parts":[{"text":§X}]}],"generationConfig":{"temperature":§T}}""", "gem/m", "oai/m");

    public static readonly ClientRoute MessagesCount = new("messages-count", ErrorShape.Anthropic, "v1/messages/count_tokens",
        """{"model":§M,"messages":[{"role":"user","content":§X}],"temperature":§T}""", "ant/m", "oai/m");

    public static readonly ClientRoute ResponsesCount = new("responses-count", ErrorShape.OpenAI, "v1/responses/input_tokens",
        """{"model":§M,"input":[{"role":"user","content":[{"type":"input_text","text":§X}]}],"temperature":§T}""", "resp/m", "ant/m");

    public static readonly ClientRoute GeminiCount = new("gemini-count", ErrorShape.Gemini, "v1beta/models/§P:countTokens",
        """{"contents":[{"role":"user","parts":[{"text":§X}]}],"generationConfig":{"temperature":§T}}""", "gem/m", "resp/m");

    /// <summary>POST /api/login: an admin body of strings (the password); no model, no target.</summary>
    public static readonly ClientRoute Login = new("login", ErrorShape.OpenAI, "api/login", """{"password":§X}""", "", "");

    public static readonly ClientRoute[] Generating = [Chat, Responses, Messages, Gemini];
    public static readonly ClientRoute[] Counting = [MessagesCount, ResponsesCount, GeminiCount];
    public static readonly ClientRoute[] All = [.. Generating, .. Counting, Login];

    public bool ModelInBody => Template.Contains("§M", StringComparison.Ordinal);
    public bool HasTemperature => Template.Contains("§T", StringComparison.Ordinal);

    public string Path(string target) => PathTemplate.Replace("§P", target, StringComparison.Ordinal);

    /// <summary>The body with the given raw bytes in place of the markers (defaults: the target as model, "hi", 0.5).</summary>
    public byte[] Body(string target, byte[]? model = null, byte[]? text = null, byte[]? temperature = null)
    {
        var output = new List<byte>();
        byte[] template = Encoding.UTF8.GetBytes(Template);
        byte[] marker = Encoding.UTF8.GetBytes("§");
        for (int i = 0; i < template.Length;)
        {
            if (template.AsSpan(i).StartsWith(marker))
            {
                char which = (char)template[i + marker.Length];
                output.AddRange(which switch
                {
                    'M' => model ?? Encoding.UTF8.GetBytes("\"" + target + "\""),
                    'X' => text ?? "\"hi\""u8.ToArray(),
                    _ => temperature ?? "0.5"u8.ToArray(),
                });
                i += marker.Length + 1;
                continue;
            }
            output.Add(template[i++]);
        }
        return [.. output];
    }

    public override string ToString() => Name;
}
