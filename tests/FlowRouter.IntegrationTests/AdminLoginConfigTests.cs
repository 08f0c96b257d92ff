using FlowRouter.Configuration;

namespace FlowRouter.IntegrationTests;

/// <summary>server.admin_password_hash and server.oidc as the config loader reads and rejects them.</summary>
public sealed class AdminLoginConfigTests
{
    [Fact]
    public void Parse_PasswordHashAndOidc_AllSettingsRead()
    {
        var config = ConfigLoader.Parse($$"""
            server:
              admin_password_hash: "{{AdminLoginTests.PasswordHash}}"
              oidc:
                authority: https://login.example.com/tenant
                client_id: flowrouter
                client_secret: ${OIDC_SECRET}
                allowed_emails: [me@example.com, You@Example.com]
                allowed_subjects: 248289761001
                scopes: [groups]
            """, "test.yaml", name => name == "OIDC_SECRET" ? "from-the-environment" : null);
        Assert.Equal(AdminLoginTests.PasswordHash, config.Server.AdminPasswordHash);
        var oidc = config.Server.Oidc!;
        Assert.Equal("https://login.example.com/tenant", oidc.Authority);
        Assert.Equal("flowrouter", oidc.ClientId);
        Assert.Equal("from-the-environment", oidc.ClientSecret);
        Assert.Equal(["me@example.com", "You@Example.com"], oidc.AllowedEmails);
        Assert.Equal(["248289761001"], oidc.AllowedSubjects);
        Assert.Equal(["groups"], oidc.Scopes);
    }

    [Theory]
    [InlineData("server:\n  admin_password_hash: hunter2hunter2\n", "2:24: server.admin_password_hash: not an argon2id PHC string")]
    [InlineData("server:\n  admin_password_hash: \"$argon2id$v=19$m=19456,t=99,p=1$c2FsdHNhbHRzYWx0$tUVMASFHGkn1rz9qktA5ixu12CcIkSHq\"\n", "parameters must be")]
    [InlineData("server:\n  oidc: { client_id: x, allowed_emails: [a@b.c] }\n", "server.oidc: authority is required")]
    [InlineData("server:\n  oidc: { authority: https://id.example.com }\n", "server.oidc: client_id is required")]
    [InlineData("server:\n  oidc: { authority: http://id.example.com, client_id: x, allowed_emails: [a@b.c] }\n", "server.oidc.authority: expected an https:// URL")]
    [InlineData("server:\n  oidc: { authority: https://id.example.com, client_id: x }\n", "server.oidc: allowed_emails or allowed_subjects must list who may sign in")]
    [InlineData("server:\n  oidc: { authority: https://id.example.com, client_id: x, allowed_email: [a@b.c] }\n", "server.oidc.allowed_email: unknown key")]
    public void Parse_BadAdminLoginSettings_NameThePathAndTheProblem(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "bad.yaml", _ => null));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LoopbackAuthority_MayBePlainHttp()
    {
        var config = ConfigLoader.Parse("server:\n  oidc: { authority: \"http://127.0.0.1:5001\", client_id: x, allowed_subjects: [s] }\n", "t.yaml", _ => null);
        Assert.Equal("http://127.0.0.1:5001", config.Server.Oidc!.Authority);
    }
}
