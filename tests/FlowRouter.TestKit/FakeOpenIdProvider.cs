using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowRouter.TestKit;

/// <summary>
/// A tiny OpenID Connect provider on 127.0.0.1:&lt;random port&gt; for login tests: a discovery document, a JWKS with an
/// RSA key generated at start, an authorize endpoint that "signs in" <see cref="Subject"/>/<see cref="Email"/> at once
/// and redirects back with a code, and a token endpoint that checks the code, the client secret and the PKCE verifier
/// and answers an RS256-signed id token carrying the nonce the client sent.
/// </summary>
public sealed class FakeOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "flowrouter-test";
    public const string ClientSecret = "oidc-client-secret-0123456789";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);

    private FakeOpenIdProvider(WebApplication app) => _app = app;

    /// <summary>The issuer, as server.oidc.authority.</summary>
    public string Authority { get; private set; } = "";

    public string Subject { get; set; } = "user-248289761001";
    public string Email { get; set; } = "admin@example.com";
    public bool EmailVerified { get; set; } = true;

    /// <summary>How many codes the token endpoint redeemed.</summary>
    public int Redeemed => _redeemed;

    private int _redeemed;

    public static async Task<FakeOpenIdProvider> StartAsync()
    {
        var app = LoopbackApp.Create();
        var provider = new FakeOpenIdProvider(app);
        app.MapGet("/.well-known/openid-configuration", provider.DiscoveryAsync);
        app.MapGet("/jwks", provider.KeysAsync);
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.TokenAsync);
        provider.Authority = await LoopbackApp.StartAsync(app);
        return provider;
    }

    private Task DiscoveryAsync(HttpContext http) => WriteJsonAsync(http, new Dictionary<string, object>
    {
        ["issuer"] = Authority,
        ["authorization_endpoint"] = Authority + "/authorize",
        ["token_endpoint"] = Authority + "/token",
        ["jwks_uri"] = Authority + "/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["scopes_supported"] = new[] { "openid", "email", "profile" },
    });

    private Task KeysAsync(HttpContext http)
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return WriteJsonAsync(http, new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = _keyId,
                    ["n"] = Base64Url.EncodeToString(parameters.Modulus), ["e"] = Base64Url.EncodeToString(parameters.Exponent),
                },
            },
        });
    }

    private IResult Authorize(HttpContext http)
    {
        var query = http.Request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256"
            || !query["scope"].ToString().Split(' ').Contains("openid"))
        {
            return Results.BadRequest("bad authorize request: " + http.Request.QueryString);
        }
        string code = Guid.NewGuid().ToString("N");
        _grants[code] = new Grant(query["redirect_uri"]!, query["nonce"]!, query["code_challenge"]!, Subject, Email, EmailVerified);
        string separator = query["redirect_uri"].ToString().Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return Results.Redirect($"{query["redirect_uri"]}{separator}code={code}&state={Uri.EscapeDataString(query["state"]!)}");
    }

    private async Task TokenAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || !_grants.TryRemove(form["code"].ToString(), out var grant)
            || form["redirect_uri"] != grant.RedirectUri || form["client_id"] != ClientId || form["client_secret"] != ClientSecret
            || Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.CodeChallenge)
        {
            http.Response.StatusCode = 400;
            await WriteJsonAsync(http, new Dictionary<string, object> { ["error"] = "invalid_grant" });
            return;
        }
        Interlocked.Increment(ref _redeemed);
        await WriteJsonAsync(http, new Dictionary<string, object>
        {
            ["access_token"] = Guid.NewGuid().ToString("N"),
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["id_token"] = IdToken(grant),
        });
    }

    private string IdToken(Grant grant)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string header = Segment(new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = _keyId });
        string payload = Segment(new Dictionary<string, object>
        {
            ["iss"] = Authority, ["aud"] = ClientId, ["sub"] = grant.Subject, ["email"] = grant.Email, ["email_verified"] = grant.EmailVerified,
            ["nonce"] = grant.Nonce, ["iat"] = now, ["nbf"] = now, ["exp"] = now + 300,
        });
        byte[] signature = _key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + Base64Url.EncodeToString(signature);
    }

    private static string Segment(Dictionary<string, object> claims) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Json(claims)));

    private static Task WriteJsonAsync(HttpContext http, Dictionary<string, object> body)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(Json(body));
    }

    /// <summary>Written by hand: the test kit keeps to source-generated or manual JSON like the product.</summary>
    private static string Json(object value)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, value);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case System.Collections.IDictionary map:
                json.WriteStartObject();
                foreach (System.Collections.DictionaryEntry entry in map)
                {
                    json.WritePropertyName((string)entry.Key);
                    Write(json, entry.Value!);
                }
                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                json.WriteStartArray();
                foreach (object item in items)
                {
                    Write(json, item);
                }
                json.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"unsupported JSON value {value.GetType()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }

    private sealed record Grant(string RedirectUri, string Nonce, string CodeChallenge, string Subject, string Email, bool EmailVerified);
}
