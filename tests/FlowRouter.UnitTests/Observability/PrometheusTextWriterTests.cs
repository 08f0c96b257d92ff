using FlowRouter.Observability;

namespace FlowRouter.UnitTests.Observability;

public sealed class PrometheusTextWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("line\nfeed", "line\\nfeed")]
    [InlineData("all \\ \" \n", "all \\\\ \\\" \\n")]
    public void EscapeLabelValue_SpecialCharacters_EscapedPerFormat(string value, string expected) =>
        Assert.Equal(expected, PrometheusTextWriter.EscapeLabelValue(value));

    [Fact]
    public void Counter_WithLabels_WritesHelpTypeAndEscapedSample()
    {
        var counter = new CounterFamily("flowrouter_test_total", "Help with \\ and\nnewline.", "provider", "model");
        counter.Increment(new("p\"1", "m\\x"));
        counter.Add(new("p\"1", "m\\x"), 2.5);
        var writer = new PrometheusTextWriter();
        counter.WriteTo(writer);
        Assert.Equal(
            "# HELP flowrouter_test_total Help with \\\\ and\\nnewline.\n" +
            "# TYPE flowrouter_test_total counter\n" +
            "flowrouter_test_total{provider=\"p\\\"1\",model=\"m\\\\x\"} 3.5\n",
            writer.ToString());
    }

    [Fact]
    public void Histogram_Observations_WriteCumulativeBucketsSumAndCount()
    {
        var histogram = new HistogramFamily("flowrouter_test_seconds", "Test.", [0.1, 1], "ingress");
        histogram.Observe(new("chat"), 0.05);
        histogram.Observe(new("chat"), 0.1);
        histogram.Observe(new("chat"), 0.5);
        histogram.Observe(new("chat"), 7);
        var writer = new PrometheusTextWriter();
        histogram.WriteTo(writer);
        Assert.Equal(
            "# HELP flowrouter_test_seconds Test.\n" +
            "# TYPE flowrouter_test_seconds histogram\n" +
            "flowrouter_test_seconds_bucket{ingress=\"chat\",le=\"0.1\"} 2\n" +
            "flowrouter_test_seconds_bucket{ingress=\"chat\",le=\"1\"} 3\n" +
            "flowrouter_test_seconds_bucket{ingress=\"chat\",le=\"+Inf\"} 4\n" +
            "flowrouter_test_seconds_sum{ingress=\"chat\"} 7.65\n" +
            "flowrouter_test_seconds_count{ingress=\"chat\"} 4\n",
            writer.ToString());
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.25, "0.25")]
    [InlineData(1e21, "1E+21")]
    public void Number_SpecialsAndFractions_UseFormatSpellings(double value, string expected) =>
        Assert.Equal(expected, PrometheusTextWriter.Number(value));

    [Fact]
    public async Task Counter_ConcurrentAdds_LoseNothing()
    {
        var counter = new CounterFamily("flowrouter_race_total", "Race.", "k");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                counter.Add(new("x"), 0.5);
            }
        })));
        Assert.Equal(40_000, counter.Value(new("x")));
    }
}
