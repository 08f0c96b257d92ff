namespace FlowRouter.IntegrationTests;

/// <summary>One server for a test class: a provider of each wire format (oai, resp, ant, gem; model m) on one fake upstream.</summary>
public sealed class FourFormatServer : IAsyncLifetime
{
    public const string Providers = """
        providers:
          - { id: oai, type: openai, base_url: "{upstream}", api_key: sk-four-openai-000000000, models: [m] }
          - { id: resp, type: openai-responses, base_url: "{upstream}", api_key: sk-four-responses-0000000, models: [m] }
          - { id: ant, type: anthropic, base_url: "{upstream-root}", api_key: sk-ant-four-00000000000, models: [m] }
          - { id: gem, type: gemini, base_url: "{upstream-root}", api_key: gem-four-000000000000000, models: [m] }
        """;

    internal RouterHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync() => Harness = await RouterHarness.StartAsync(Providers);

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
