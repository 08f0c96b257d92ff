using FlowRouter.Protocols.Anthropic;

namespace FlowRouter.UnitTests.Protocols.Anthropic;

public sealed class ToolIdMapperTests
{
    [Theory]
    [InlineData("toolu_01A9HHF5Ezy3oBrKmSgfASm9")]
    [InlineData("call_M26z19sncd7b4LBgzKRRbaUE")]
    [InlineData("a-b_c")]
    public void Encode_ValidId_IsUnchanged(string id) => Assert.Equal(id, ToolIdMapper.Encode(id));

    [Theory]
    [InlineData("")]
    [InlineData("_x_")]
    [InlineData("call.1:x")]
    [InlineData("functions.get_weather:0")]
    [InlineData("a_x2E_b")]
    [InlineData("a_x2e_b")]
    [InlineData("ünï çødé ✓")]
    [InlineData("_x5F_")]
    public void EncodeThenDecode_AnyId_RoundTripsToValidId(string id)
    {
        string encoded = ToolIdMapper.Encode(id);

        Assert.Matches("^[a-zA-Z0-9_-]+$", encoded);
        Assert.Equal(id, ToolIdMapper.Decode(encoded));
        Assert.Equal(encoded, ToolIdMapper.Encode(id));
    }

    [Fact]
    public void Encode_LookalikeIds_StayDistinct()
    {
        Assert.NotEqual(ToolIdMapper.Encode("a.b"), ToolIdMapper.Encode("a_x2E_b"));
        Assert.Equal("a_x2E_b", ToolIdMapper.Encode("a.b"));
    }
}
