namespace FlowRouter.IntegrationTests;

/// <summary>Whose error JSON a route answers with.</summary>
public enum ErrorShape
{
    OpenAI,
    Anthropic,
    Gemini,
}
