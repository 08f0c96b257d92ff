using System.Net;
using System.Text.Json;

namespace FlowRouter.IntegrationTests;

/// <summary>The hand-written /api/openapi.json stays true to the routes the server maps.</summary>
public sealed class AdminOpenApiTests
{
    [Fact]
    public async Task EveryAdminRoute_IsDocumented_AndEveryDocumentedOperationExists()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();
        using var response = await http.GetAsync("api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        // The OIDC routes exist only when server.oidc is set (OidcLoginTests covers them).
        var documented = paths.EnumerateObject()
            .Where(path => !path.Name.StartsWith("/api/login/oidc", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject().Where(op => op.Name != "parameters").Select(op => (path.Name, op.Name.ToUpperInvariant())))
            .ToHashSet();

        var mapped = harness.Server.Routes
            .Where(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal) || r.Pattern == "/metrics")
            .Where(r => r.Pattern != "/api/openapi.json")
            .Select(r => (r.Pattern, r.Method))
            .ToHashSet();

        Assert.NotEmpty(mapped);
        Assert.Empty(mapped.Except(documented));
        Assert.Empty(documented.Except(mapped));
    }
}
