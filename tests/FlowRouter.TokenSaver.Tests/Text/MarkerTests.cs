using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Tests.Text;

public sealed class MarkerTests
{
    [Theory]
    [InlineData(1, "context lines", "[… 1 context line omitted]")]
    [InlineData(2, "context lines", "[… 2 context lines omitted]")]
    [InlineData(1, "lines of the same stack trace as above", "[… 1 line of the same stack trace as above omitted]")]
    [InlineData(1, "frames outside /srv/app/", "[… 1 frame outside /srv/app/ omitted]")]
    [InlineData(1, "function bodies (line ranges below)", "[… 1 function body (line ranges below) omitted]")]
    [InlineData(1, "repeated diagnostics", "[… 1 repeated diagnostic omitted]")]
    [InlineData(1, "progress", "[… 1 progress omitted]")]
    public void Omitted_OneOfAKind_IsSingular(int count, string what, string expected) =>
        Assert.Equal(expected, Marker.Omitted(count, what));

    [Fact]
    public void OmittedList_SkipsZeroesAndMakesEachNounAgree()
    {
        Assert.Equal("[… 1 frame outside /srv/app/, 3 library frames omitted]",
            Marker.OmittedList((1, "frames outside /srv/app/"), (0, "comment lines"), (3, "library frames")));
        Assert.Null(Marker.OmittedList((0, "lines")));
    }
}
