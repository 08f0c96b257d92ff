namespace FlowRouter.IntegrationTests;

/// <summary>Whose error JSON a route answers with.</summary>
internal enum ErrorShape
{
    OpenAI,
    Anthropic,
    Gemini,
}
