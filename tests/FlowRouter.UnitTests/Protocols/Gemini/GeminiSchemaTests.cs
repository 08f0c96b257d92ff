using System.Text.Json;
using FlowRouter.Protocols.Gemini;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.Gemini;

public sealed class GeminiSchemaTests
{
    [Theory]
    [InlineData("""{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"a":{"type":"string"}},"required":["a","ghost"],"additionalProperties":false}""",
        """{"type":"OBJECT","properties":{"a":{"type":"STRING"}},"required":["a"]}""")]
    [InlineData("""{"type":["string","null"],"description":"d"}""", """{"type":"STRING","nullable":true,"description":"d"}""")]
    [InlineData("""{"type":["string","number"]}""", """{"anyOf":[{"type":"STRING"},{"type":"NUMBER"}]}""")]
    [InlineData("""{"anyOf":[{"type":"array","items":{"type":"string"}},{"type":"null"}]}""", """{"type":"ARRAY","nullable":true,"items":{"type":"STRING"}}""")]
    [InlineData("""{"oneOf":[{"type":"string"},{"type":"integer"}]}""", """{"anyOf":[{"type":"STRING"},{"type":"INTEGER"}]}""")]
    [InlineData("""{"type":"string","const":"x","format":"uri","pattern":"^a"}""", """{"type":"STRING","enum":["x"],"pattern":"^a"}""")]
    [InlineData("""{"type":"integer","exclusiveMinimum":0,"exclusiveMaximum":10,"multipleOf":2}""", """{"type":"INTEGER","minimum":1,"maximum":9}""")]
    [InlineData("""{"type":"number","exclusiveMinimum":0.5,"format":"double"}""", """{"type":"NUMBER","minimum":0.5,"format":"double"}""")]
    [InlineData("""{"type":"integer","enum":[1,2]}""", """{"type":"INTEGER"}""")]
    [InlineData("""{"type":"object","patternProperties":{"^x":{}},"unevaluatedProperties":false,"properties":{"p":{"$ref":"#/$defs/P","description":"use"}},"$defs":{"P":{"type":"object","properties":{"n":{"type":"integer"}}}}}""",
        """{"type":"OBJECT","properties":{"p":{"type":"OBJECT","description":"use","properties":{"n":{"type":"INTEGER"}}}}}""")]
    [InlineData("""{"type":"object","properties":{"node":{"$ref":"#/definitions/Node"}},"definitions":{"Node":{"type":"object","properties":{"next":{"$ref":"#/definitions/Node"}}}}}""",
        """{"type":"OBJECT","properties":{"node":{"type":"OBJECT","properties":{"next":{"type":"OBJECT"}}}}}""")]
    [InlineData("""{"allOf":[{"$ref":"#/$defs/A"}],"description":"wrapped","$defs":{"A":{"type":"string","enum":["a","b"]}}}""", """{"type":"STRING","description":"wrapped","enum":["a","b"]}""")]
    [InlineData("""{"properties":{"x":{"items":{"type":"boolean"}}}}""", """{"type":"OBJECT","properties":{"x":{"type":"ARRAY","items":{"type":"BOOLEAN"}}}}""")]
    [InlineData("""{"const":"click"}""", """{"type":"STRING","enum":["click"]}""")]
    [InlineData("""{"enum":["a","b"],"description":"d"}""", """{"type":"STRING","description":"d","enum":["a","b"]}""")]
    [InlineData("""{}""", """{}""")]
    [InlineData("""{"type":"object","additionalProperties":{"type":"string"},"propertyNames":{"pattern":"^[A-Z]+$"}}""", """{"type":"OBJECT"}""")]
    [InlineData("""{"anyOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},{"type":"null"}]}""",
        """{"type":"OBJECT","nullable":true,"properties":{"a":{"type":"STRING"}},"required":["a"]}""")]
    public void ToOpenApi_JsonSchemaKeywords_ConvertedByRule(string jsonSchema, string expected) =>
        JsonAssert.Equal(expected, GeminiSchema.ToOpenApi(jsonSchema));

    [Fact]
    public void ToOpenApi_StructuredOutputFixtureSchema_KeepsOnlyGeminiFields()
    {
        using var request = JsonDocument.Parse(GeminiFixtureData.Load("structured-output-response-json-schema").RequestBody);
        string schema = request.RootElement.GetProperty("generationConfig").GetProperty("responseJsonSchema").GetRawText();

        string converted = GeminiSchema.ToOpenApi(schema);

        Assert.Equal(converted, GeminiSchema.ToOpenApi(schema));
        Assert.DoesNotContain("additionalProperties", converted, StringComparison.Ordinal);
        Assert.DoesNotContain("$schema", converted, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(converted);
        var properties = document.RootElement.GetProperty("properties");
        JsonAssert.Equal("""{"type":"STRING","nullable":true}""", properties.GetProperty("nullableField").GetRawText());
        JsonAssert.Equal("""{"anyOf":[{"type":"STRING"},{"type":"NUMBER"}]}""", properties.GetProperty("unionField").GetRawText());
        JsonAssert.Equal("""{"type":"STRING","format":"date-time"}""", properties.GetProperty("stringDatatime").GetRawText());
        Assert.Equal("OBJECT", properties.GetProperty("nullableObjectField").GetProperty("type").GetString());
        Assert.True(properties.GetProperty("nullableObjectField").GetProperty("nullable").GetBoolean());
    }

    [Fact]
    public void FromOpenApi_GeminiTypes_BecomeJsonSchema()
    {
        using var document = JsonDocument.Parse("""{"type":"OBJECT","properties":{"a":{"type":"STRING","nullable":true},"b":{"type":"ARRAY","items":{"type":"NUMBER"}}},"required":["a"]}""");

        string converted = GeminiSchema.FromOpenApi(document.RootElement);

        JsonAssert.Equal("""{"type":"object","properties":{"a":{"type":["string","null"]},"b":{"type":"array","items":{"type":"number"}}},"required":["a"]}""", converted);
    }

    [Theory]
    [InlineData("""{"type":"OBJECT","properties":{}}""", true)]
    [InlineData("""{"type":"OBJECT"}""", true)]
    [InlineData("""{"type":"OBJECT","properties":{"a":{"type":"STRING"}}}""", false)]
    public void IsEmptyObject_DetectsObjectsWithoutProperties(string schema, bool empty) =>
        Assert.Equal(empty, GeminiSchema.IsEmptyObject(schema));
}
