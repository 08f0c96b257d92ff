using FlowRouter.Hosting.Login;

namespace FlowRouter.UnitTests.Hosting.Login;

public sealed class PasswordHasherTests
{
    // Made with the reference implementation (Debian's argon2 CLI):
    //   echo -n "correct horse battery staple" | argon2 "flowrouter-salt!" -id -t 2 -k 19456 -p 1 -l 32 -e
    private const string ReferenceDefault = "$argon2id$v=19$m=19456,t=2,p=1$Zmxvd3JvdXRlci1zYWx0IQ$MzWOlbRAPMCz0KA2phIhpjaU5t8DuzF/H1CEXqLt4zs";

    //   echo -n "correct horse battery staple" | argon2 "somesaltsomesalt" -id -t 3 -k 65536 -p 4 -l 32 -e
    private const string ReferenceOtherParameters = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$mtB7vZKFuEQDVzeZe5lTtf3BPC1e5BL1UKy7IW/SpV0";

    //   echo -n "password" | argon2 "saltsaltsalt" -id -t 1 -k 4096 -p 2 -l 24 -e
    private const string ReferenceShortHash = "$argon2id$v=19$m=4096,t=1,p=2$c2FsdHNhbHRzYWx0$tUVMASFHGkn1rz9qktA5ixu12CcIkSHq";

    [Fact]
    public void Hash_KnownSalt_MatchesTheReferenceImplementation()
    {
        Assert.Equal(ReferenceDefault, PasswordHasher.Hash("correct horse battery staple", "flowrouter-salt!"u8.ToArray()));
    }

    [Fact]
    public void Hash_StatesTheDocumentedParametersAndARandomSalt()
    {
        string first = PasswordHasher.Hash("correct horse battery staple");
        string second = PasswordHasher.Hash("correct horse battery staple");
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", first, StringComparison.Ordinal);
        string[] parts = first.Split('$');
        Assert.Equal(16, Convert.FromBase64String(parts[4] + "==").Length);
        Assert.Equal(32, Convert.FromBase64String(parts[5] + "=").Length);
        Assert.NotEqual(first, second);
        Assert.True(PasswordHasher.Verify("correct horse battery staple", first).Matches);
        Assert.True(PasswordHasher.Verify("correct horse battery staple", second).Matches);
    }

    [Theory]
    [InlineData(ReferenceDefault, "correct horse battery staple")]
    [InlineData(ReferenceOtherParameters, "correct horse battery staple")]
    [InlineData(ReferenceShortHash, "password")]
    public void Verify_ReferenceHashes_MatchWithTheirOwnParameters(string phc, string password)
    {
        Assert.Equal(PasswordCheck.Match, PasswordHasher.Verify(password, phc));
    }

    [Theory]
    [InlineData("correct horse battery stapler")]
    [InlineData("Correct horse battery staple")]
    [InlineData("")]
    public void Verify_WrongPassword_IsAMismatchWithoutError(string password)
    {
        Assert.Equal(PasswordCheck.Mismatch, PasswordHasher.Verify(password, ReferenceDefault));
    }

    [Theory]
    [InlineData("", "not an argon2id PHC string")]
    [InlineData("hunter2", "not an argon2id PHC string")]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$Zmxvd3JvdXRlci1zYWx0IQ$MzWOlbRAPMCz0KA2phIhpjaU5t8DuzF/H1CEXqLt4zs", "not an argon2id PHC string")]
    [InlineData("$argon2id$v=16$m=19456,t=2,p=1$Zmxvd3JvdXRlci1zYWx0IQ$MzWOlbRAPMCz0KA2phIhpjaU5t8DuzF/H1CEXqLt4zs", "unsupported argon2 version")]
    [InlineData("$argon2id$v=19$m=99999999,t=2,p=1$Zmxvd3JvdXRlci1zYWx0IQ$MzWOlbRAPMCz0KA2phIhpjaU5t8DuzF/H1CEXqLt4zs", "parameters must be")]
    [InlineData("$argon2id$v=19$t=2,m=19456,p=1$Zmxvd3JvdXRlci1zYWx0IQ$MzWOlbRAPMCz0KA2phIhpjaU5t8DuzF/H1CEXqLt4zs", "parameters must be")]
    [InlineData("$argon2id$v=19$m=19456,t=0,p=1$Zmxvd3JvdXRlci1zYWx0IQ$MzWOlbRAPMCz0KA2phIhpjaU5t8DuzF/H1CEXqLt4zs", "parameters must be")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$Zmx*d3JvdXRlci1zYWx0IQ$MzWOlbRAPMCz0KA2phIhpjaU5t8DuzF/H1CEXqLt4zs", "the salt must be")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$Zmxvd3JvdXRlci1zYWx0IQ$MzWOlbRA", "the hash must be")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$Zmxvd3JvdXRlci1zYWx0IQ$MzWOlbRAPMCz0KA2phIhpjaU5t8DuzF/H1CEXqLt4zs$extra", "not an argon2id PHC string")]
    public void Verify_TamperedString_IsAClearErrorNotAnException(string phc, string expected)
    {
        var check = PasswordHasher.Verify("correct horse battery staple", phc);
        Assert.False(check.Matches);
        Assert.Contains(expected, check.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", check.Error, StringComparison.Ordinal);
        Assert.Equal(check.Error, PasswordHasher.Validate(phc));
    }

    [Fact]
    public void Verify_TamperedHashBytes_IsAMismatch()
    {
        string tampered = ReferenceDefault[..^2] + (ReferenceDefault[^2] == 'A' ? "B" : "A") + ReferenceDefault[^1];
        Assert.Null(PasswordHasher.Validate(tampered));
        Assert.Equal(PasswordCheck.Mismatch, PasswordHasher.Verify("correct horse battery staple", tampered));
    }
}
