using System.Net;
using System.Text;
using System.Text.Json;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// An admin API client that handles cookies by hand (no cookie container, no redirects), so tests see exactly what the
/// server sets and decide exactly what each request carries.
/// </summary>
internal sealed class AdminHttp(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = baseUri,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Every response's headers and body, for secret searches.</summary>
    public StringBuilder Seen { get; } = new();

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? json = null, string? session = null, string? csrf = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null || method != HttpMethod.Get)
        {
            // The admin API takes changes only as JSON, even with no body (the dashboard does the same).
            request.Content = new StringContent(json ?? "", Encoding.UTF8, "application/json");
        }
        if (session is not null)
        {
            request.Headers.Add("Cookie", "flowrouter_session=" + session);
        }
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }
        if (bearer is not null)
        {
            request.Headers.Add("Authorization", "Bearer " + bearer);
        }
        using var response = await _http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        Seen.Append(response.Headers.Where(h => h.Key != "Set-Cookie").Select(h => h.Key + ": " + string.Join(",", h.Value)).Aggregate("", (a, b) => a + b + "\n")).Append(body).Append('\n');
        return new Reply(response.StatusCode, body, cookies, response.Headers.RetryAfter?.Delta, response.Headers.Location);
    }

    public Task<Reply> GetAsync(string path, string? session = null, string? bearer = null) => SendAsync(HttpMethod.Get, path, session: session, bearer: bearer);

    /// <summary>POST /api/login; asserts 200 and returns the session id from the cookie and the CSRF token.</summary>
    public async Task<(string Session, string Csrf, string SetCookie)> LoginAsync(string json)
    {
        var reply = await SendAsync(HttpMethod.Post, "api/login", json);
        Assert.True(reply.Status == HttpStatusCode.OK, $"login: {reply.Status} {reply.Body}");
        string setCookie = Assert.Single(reply.SetCookies, c => c.StartsWith("flowrouter_session=", StringComparison.Ordinal));
        string session = setCookie.Split(';')[0]["flowrouter_session=".Length..];
        return (session, reply.Json.GetProperty("csrf_token").GetString()!, setCookie);
    }

    public void Dispose() => _http.Dispose();

    internal sealed record Reply(HttpStatusCode Status, string Body, IReadOnlyList<string> SetCookies, TimeSpan? RetryAfter, Uri? Location)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
        public string? ErrorCode => Json.GetProperty("error").TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
