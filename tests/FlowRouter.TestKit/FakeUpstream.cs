using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowRouter.TestKit;

/// <summary>
/// A provider stand-in on 127.0.0.1:&lt;random port&gt; speaking OpenAI's, Anthropic's and Gemini's paths: answers POST
/// …/chat/completions, /v1/messages, /v1/responses, /v1beta/models/{model}:{method} (and GET /images/… for image
/// fetches) from a
/// script of <see cref="FakeResponse"/>s (queued, else the default), GET …/models from a list, and records every
/// request it gets. Faults (status, delay, reset, cut stream, hang) come from the script.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeResponse> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private FakeResponse? _defaultResponse;

    private FakeUpstream(WebApplication app) => _app = app;

    /// <summary>Base URL including /v1, as an openai-type provider's base_url.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The host root, as an anthropic- or gemini-type provider's base_url.</summary>
    public string RootUrl { get; private set; } = "";

    /// <summary>The answer when nothing is queued; the recorded text-basic fixture unless set (read on first use only).</summary>
    public FakeResponse DefaultResponse
    {
        get => _defaultResponse ??= FakeResponse.FromFixture(Fixtures.Load("openai-chat", "text-basic"));
        set => _defaultResponse = value;
    }

    public IReadOnlyList<string> Models { get; set; } = ["gpt-4o-mini"];
    public IReadOnlyCollection<ReceivedRequest> Received => _received;

    /// <summary>False: requests are answered but not kept in <see cref="Received"/> (long fuzz runs).</summary>
    public bool KeepRequests { get; set; } = true;
    public ReceivedRequest? LastRequest => _received.LastOrDefault();

    public static async Task<FakeUpstream> StartAsync()
    {
        var app = LoopbackApp.Create();
        var upstream = new FakeUpstream(app);
        app.MapPost("/v1/chat/completions", upstream.ServeAsync);
        app.MapPost("/v1/messages", upstream.ServeAsync);
        app.MapGet("/v1/models", upstream.ListModelsAsync);
        app.MapPost("/v1/messages/count_tokens", upstream.ServeAsync);
        app.MapPost("/v1/responses", upstream.ServeAsync);
        app.MapPost("/v1/responses/input_tokens", upstream.ServeAsync);
        app.MapPost("/v1beta/models/{**rest}", upstream.ServeAsync);
        app.MapGet("/v1beta/models", upstream.ListGeminiModelsAsync);
        app.MapGet("/images/{**rest}", upstream.ServeAsync);
        upstream.RootUrl = await LoopbackApp.StartAsync(app);
        upstream.BaseUrl = upstream.RootUrl + "/v1";
        return upstream;
    }

    /// <summary>Picks the answer per request when nothing is queued (null: the default answer); for fault injection.</summary>
    public Func<ReceivedRequest, FakeResponse?>? Responder { get; set; }

    /// <summary>Queues answers for the next requests, in order; after them the default answer is used.</summary>
    public void Enqueue(params FakeResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    private async Task ServeAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var received = new ReceivedRequest
        {
            Method = http.Request.Method,
            Path = http.Request.Path,
            Query = http.Request.QueryString.Value ?? "",
            Headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            Body = body.ToArray(),
        };
        if (KeepRequests)
        {
            _received.Enqueue(received);
        }
        http.RequestAborted.Register(received.MarkAborted);
        var response = _script.TryDequeue(out var scripted) ? scripted : Responder?.Invoke(received) ?? DefaultResponse;
        try
        {
            await AnswerAsync(http, response);
        }
        catch (OperationCanceledException)
        {
            received.MarkAborted();
        }
        catch (IOException)
        {
            received.MarkAborted();
        }
    }

    private static async Task AnswerAsync(HttpContext http, FakeResponse response)
    {
        var aborted = http.RequestAborted;
        if (response.DelayBeforeHeaders > TimeSpan.Zero)
        {
            await Task.Delay(response.DelayBeforeHeaders, aborted);
        }
        if (response.Reset)
        {
            http.Abort();
            return;
        }
        http.Response.StatusCode = response.Status;
        http.Response.ContentType = response.ContentType;
        foreach (var header in response.Headers)
        {
            http.Response.Headers[header.Key] = header.Value;
        }
        if (response.Events is null)
        {
            if (response.HangAfterHeaders)
            {
                await http.Response.StartAsync(aborted);
                await Task.Delay(Timeout.Infinite, aborted);
            }
            await http.Response.Body.WriteAsync(response.Body, aborted);
            return;
        }
        await WriteEventsAsync(http, response, aborted);
    }

    private static async Task WriteEventsAsync(HttpContext http, FakeResponse response, CancellationToken aborted)
    {
        await http.Response.StartAsync(aborted);
        for (int i = 0; i < response.Events!.Count; i++)
        {
            if (response.CutAfterEvents == i)
            {
                if (response.HangAfterHeaders)
                {
                    await Task.Delay(Timeout.Infinite, aborted);
                }
                await http.Response.Body.FlushAsync(aborted);
                // Give the reader time to take the flushed events: an abort resets the connection, and a reset
                // discards whatever the peer has not read yet.
                await Task.Delay(200, aborted);
                http.Abort();
                return;
            }
            if (i > 0 && response.DelayBetweenEvents > TimeSpan.Zero)
            {
                await Task.Delay(response.DelayBetweenEvents, aborted);
            }
            await http.Response.Body.WriteAsync(response.Events[i], aborted);
            await http.Response.Body.FlushAsync(aborted);
        }
    }

    private Task ListModelsAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        string data = string.Join(",", Models.Select(m => $"{{\"id\":\"{m}\",\"object\":\"model\",\"created\":0,\"owned_by\":\"fake\"}}"));
        return http.Response.WriteAsync($"{{\"object\":\"list\",\"data\":[{data}]}}");
    }

    /// <summary>Gemini's GET /v1beta/models: {"models":[{"name":"models/…",…}]}, from <see cref="Models"/>.</summary>
    private Task ListGeminiModelsAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        string models = string.Join(",", Models.Select(m => $"{{\"name\":\"models/{m}\",\"displayName\":\"{m}\",\"supportedGenerationMethods\":[\"generateContent\",\"countTokens\"]}}"));
        return http.Response.WriteAsync($"{{\"models\":[{models}]}}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
