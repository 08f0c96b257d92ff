using FlowRouter.Routing.Failures;
using Microsoft.Extensions.Time.Testing;

namespace FlowRouter.UnitTests.Routing;

public sealed class CooldownBookTests
{
    private static readonly FailureRule Backoff = new() { Name = "server-error", Cooldown = CooldownKind.Backoff };
    private static readonly FailureRule RateLimit = new() { Name = "rate-limit", Cooldown = CooldownKind.RetryAfterOrBackoff };
    private static readonly FailureRule Quota = new() { Name = "quota", Cooldown = CooldownKind.UntilReset, Duration = TimeSpan.FromHours(1), Scope = CooldownScope.Key };
    private static readonly FailureRule Auth = new() { Name = "auth", Cooldown = CooldownKind.Disable, Scope = CooldownScope.Key };
    private static readonly FailureRule ModelMissing = new() { Name = "model-not-found", Cooldown = CooldownKind.Fixed, Duration = TimeSpan.FromMinutes(10), Scope = CooldownScope.Model };

    private static (FakeTimeProvider Time, CooldownBook Book) NewBook(double random = 0.5)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        return (time, new CooldownBook(time, () => random));
    }

    [Fact]
    public void Backoff_DoublesFromOneSecondToTheFiveMinuteCap()
    {
        var (_, book) = NewBook(random: 0.5); // 0.5 → no jitter
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300], Enumerable.Range(1, 11).Select(n => book.Backoff(n).TotalSeconds));
    }

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(1.0, 1.2)]
    public void Backoff_JitterStaysWithinTwentyPercent(double random, double factor)
    {
        var (_, book) = NewBook(random);
        Assert.Equal(4 * factor, book.Backoff(3).TotalSeconds, precision: 6);
        Assert.True(book.Backoff(30) <= CooldownBook.BackoffCap);
    }

    [Fact]
    public void Cool_ConsecutiveFailuresGrowTheRestAndSuccessResetsIt()
    {
        var (time, book) = NewBook();
        Assert.Equal(time.GetUtcNow().AddSeconds(1), book.Cool("p", 0, "m", Backoff, null));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(book.TryBeginProbe("p", 0, "m"));
        Assert.Equal(time.GetUtcNow().AddSeconds(2), book.Cool("p", 0, "m", Backoff, null));
        book.Succeeded("p", 0, "m");
        Assert.Null(book.RestOf("p", 0, "m"));
        Assert.Equal(time.GetUtcNow().AddSeconds(1), book.Cool("p", 0, "m", Backoff, null));
    }

    [Fact]
    public void Cool_RetryAfterWinsOverBackoff()
    {
        var (time, book) = NewBook();
        Assert.Equal(time.GetUtcNow().AddSeconds(37), book.Cool("p", 0, "m", RateLimit, TimeSpan.FromSeconds(37)));
        Assert.Equal("rate-limit", book.RestOf("p", 0, "m")!.Value.Rule);
    }

    [Fact]
    public void Cool_AgainWithAShorterRest_KeepsTheLaterDeadline()
    {
        var (time, book) = NewBook();
        var quotaEnd = book.Cool("p", 0, "m", Quota, null); // 1 h on the key
        book.Cool("p", 0, null!, Backoff with { Scope = CooldownScope.Key }, null); // 1 s on the same key
        Assert.Equal(time.GetUtcNow().AddHours(1), quotaEnd);
        Assert.Equal(quotaEnd, book.RestOf("p", 0, "any-model")!.Value.Until);
    }

    [Fact]
    public void Quota_UsesTheUpstreamResetWhenGiven_ElseOneHour()
    {
        var (time, book) = NewBook();
        Assert.Equal(time.GetUtcNow().AddMinutes(3), book.Cool("p", 0, "m", Quota, TimeSpan.FromMinutes(3)));
        Assert.Equal(time.GetUtcNow().AddHours(1), book.Cool("p", 1, "m", Quota, null));
    }

    [Fact]
    public void Disable_KeyStaysOutEvenAfterSuccessesOfOtherModels()
    {
        var (time, book) = NewBook();
        book.Cool("p", 0, "m", Auth, null);
        time.Advance(TimeSpan.FromDays(3));
        book.Succeeded("p", 0, "m");
        Assert.True(book.RestOf("p", 0, "other")!.Value.Disabled);
        Assert.Null(book.RestOf("p", 1, "m"));
    }

    [Fact]
    public void ModelScope_RestsTheModelOnEveryKeyOfThatProviderOnly()
    {
        var (_, book) = NewBook();
        book.Cool("p", 0, "gone-model", ModelMissing, null);
        Assert.NotNull(book.RestOf("p", 3, "gone-model"));
        Assert.Null(book.RestOf("p", 3, "other-model"));
        Assert.Null(book.RestOf("q", 0, "gone-model"));
    }

    [Fact]
    public void Probe_AfterTheRestOneRequestGoesThroughAndTheOthersWait()
    {
        var (time, book) = NewBook();
        book.Cool("p", 0, "m", Backoff, null);
        Assert.NotNull(book.RestOf("p", 0, "m"));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(book.RestOf("p", 0, "m"));
        Assert.True(book.TryBeginProbe("p", 0, "m"));
        Assert.True(book.RestOf("p", 0, "m")!.Value.ProbeDue);
        Assert.False(book.TryBeginProbe("p", 0, "m"));
        book.Succeeded("p", 0, "m");
        Assert.Null(book.RestOf("p", 0, "m"));
        Assert.True(book.TryBeginProbe("p", 0, "m"));
    }

    [Fact]
    public void EndProbe_WithoutVerdict_LetsTheNextRequestProbe()
    {
        var (time, book) = NewBook();
        book.Cool("p", 0, "m", Backoff, null);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(book.TryBeginProbe("p", 0, "m"));
        book.EndProbe("p", 0, "m");
        Assert.True(book.TryBeginProbe("p", 0, "m"));
    }
}
