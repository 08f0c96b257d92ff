using FlowRouter.Core.Buffers;
using Microsoft.Extensions.Time.Testing;

namespace FlowRouter.UnitTests.Core.Buffers;

/// <summary>
/// Full GCs once large buffers stop (one at once, two follow-ups for the shared array pool's trimming), never while
/// they keep coming, none for a little.
/// </summary>
public sealed class IdleHeapTrimmerTests
{
    private readonly FakeTimeProvider _time = new();
    private int _collections;

    private IdleHeapTrimmer NewTrimmer() => new(_time, () => _collections++);

    [Fact]
    public void Noted_LargeBuffersThenQuiet_CollectsAtOnceThenTwoFollowUpsThenStops()
    {
        var trimmer = NewTrimmer();
        trimmer.Noted(32L * 1024 * 1024);

        _time.Advance(IdleHeapTrimmer.QuietPeriod);
        Assert.Equal(1, _collections);
        Advance(IdleHeapTrimmer.FollowUps[0]);
        Assert.Equal(2, _collections);
        Advance(IdleHeapTrimmer.FollowUps[1] - IdleHeapTrimmer.FollowUps[0]);
        Assert.Equal(3, _collections);
        Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(3, trimmer.Trims);
    }

    [Fact]
    public void Noted_LargeBuffersKeepComing_NoCollectionUntilTheyStop()
    {
        var trimmer = NewTrimmer();
        for (int i = 0; i < 20; i++)
        {
            trimmer.Noted(32L * 1024 * 1024);
            _time.Advance(IdleHeapTrimmer.QuietPeriod / 2);
        }
        Assert.Equal(0, _collections);

        Advance(IdleHeapTrimmer.QuietPeriod * 2);
        Assert.Equal(1, _collections);
    }

    [Fact]
    public void Noted_NewLargeBuffersBeforeTheFollowUps_FollowUpsWaitForTheNextQuietSpell()
    {
        var trimmer = NewTrimmer();
        trimmer.Noted(IdleHeapTrimmer.MinimumBytes);
        _time.Advance(IdleHeapTrimmer.QuietPeriod);
        trimmer.Noted(IdleHeapTrimmer.MinimumBytes); // right after the first trim
        Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(2, _collections); // the first trim, then the trim of the second quiet spell
        Assert.Equal(2, trimmer.Trims);
    }

    [Fact]
    public void Noted_LessThanTheMinimum_NoCollection()
    {
        var trimmer = NewTrimmer();
        trimmer.Noted(IdleHeapTrimmer.MinimumBytes - 1);

        Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(0, _collections);
    }

    [Fact]
    public void Noted_AgainAfterATrim_CollectsAgainAfterTheNextQuietSpell()
    {
        var trimmer = NewTrimmer();
        trimmer.Noted(IdleHeapTrimmer.MinimumBytes);
        Advance(TimeSpan.FromMinutes(2));
        trimmer.Noted(IdleHeapTrimmer.MinimumBytes);
        Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(6, _collections);
    }

    /// <summary>Advances in timer-sized steps, as a real clock would pass each tick.</summary>
    private void Advance(TimeSpan by)
    {
        for (var left = by; left > TimeSpan.Zero; left -= IdleHeapTrimmer.QuietPeriod)
        {
            _time.Advance(left < IdleHeapTrimmer.QuietPeriod ? left : IdleHeapTrimmer.QuietPeriod);
        }
    }
}
