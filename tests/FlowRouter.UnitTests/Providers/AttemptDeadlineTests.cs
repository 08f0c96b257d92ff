using FlowRouter.Providers.Http;
using Microsoft.Extensions.Time.Testing;

namespace FlowRouter.UnitTests.Providers;

public sealed class AttemptDeadlineTests
{
    [Fact]
    public void Arm_PhaseLimitPasses_CancelsAndNamesThePhase()
    {
        var time = new FakeTimeProvider();
        using var deadline = new AttemptDeadline(time, TimeSpan.FromSeconds(60), CancellationToken.None);
        deadline.Arm("first-byte", TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(deadline.Token.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.Equal("first-byte", deadline.Phase);
        Assert.False(deadline.ClientGone);
    }

    [Fact]
    public void Arm_TotalNearerThanPhase_TotalLimitFiresFirst()
    {
        var time = new FakeTimeProvider();
        using var deadline = new AttemptDeadline(time, TimeSpan.FromSeconds(60), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(55));
        deadline.Arm("idle", TimeSpan.FromSeconds(10));
        Assert.Equal("total", deadline.Phase);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void Arm_EachEventRearmsIdle_LongStreamWithShortGapsNeverTimesOut()
    {
        var time = new FakeTimeProvider();
        using var deadline = new AttemptDeadline(time, TimeSpan.FromMinutes(10), CancellationToken.None);
        for (int i = 0; i < 100; i++)
        {
            deadline.Arm("idle", TimeSpan.FromSeconds(5));
            time.Advance(TimeSpan.FromSeconds(4));
        }
        Assert.False(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void ClientAborts_TokenCancelsAtOnceAndIsTheClientsDoing()
    {
        using var client = new CancellationTokenSource();
        using var deadline = new AttemptDeadline(new FakeTimeProvider(), TimeSpan.FromSeconds(60), client.Token);
        deadline.Arm("first-byte", TimeSpan.FromSeconds(10));
        client.Cancel();
        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.True(deadline.ClientGone);
    }
}
