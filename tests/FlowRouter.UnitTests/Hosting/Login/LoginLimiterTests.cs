using System.Net;
using FlowRouter.Hosting.Login;
using Microsoft.Extensions.Time.Testing;

namespace FlowRouter.UnitTests.Hosting.Login;

public sealed class LoginLimiterTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.7");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void RecordFailure_FifthWithinTheWindow_LocksForOneMinute()
    {
        var limiter = new LoginLimiter(_time);
        for (int i = 0; i < 4; i++)
        {
            Assert.Null(limiter.RecordFailure(Attacker));
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Null(limiter.LockedFor(Attacker));
        Assert.Equal(TimeSpan.FromMinutes(1), limiter.RecordFailure(Attacker));
        Assert.Equal(TimeSpan.FromMinutes(1), limiter.LockedFor(Attacker));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.LockedFor(Attacker));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(limiter.LockedFor(Attacker));
    }

    [Fact]
    public void RecordFailure_SpreadBeyondTheWindow_NeverLocks()
    {
        var limiter = new LoginLimiter(_time);
        for (int i = 0; i < 20; i++)
        {
            Assert.Null(limiter.RecordFailure(Attacker));
            _time.Advance(TimeSpan.FromMinutes(4)); // at most 4 failures in any 15 minutes
        }
    }

    [Fact]
    public void RecordFailure_FurtherLockouts_DoubleUpToAnHour()
    {
        var limiter = new LoginLimiter(_time);
        var lockouts = new List<TimeSpan>();
        for (int round = 0; round < 9; round++)
        {
            TimeSpan? lockout = null;
            for (int i = 0; i < LoginLimiter.MaxFailures; i++)
            {
                lockout = limiter.RecordFailure(Attacker);
            }
            lockouts.Add(lockout!.Value);
            _time.Advance(lockout.Value);
        }
        Assert.Equal(new[] { 1, 2, 4, 8, 16, 32, 60, 60, 60 }, lockouts.Select(l => (int)l.TotalMinutes));
    }

    [Fact]
    public void RecordSuccess_ResetsTheEscalation()
    {
        var limiter = new LoginLimiter(_time);
        for (int i = 0; i < LoginLimiter.MaxFailures; i++)
        {
            limiter.RecordFailure(Attacker);
        }
        _time.Advance(TimeSpan.FromMinutes(1));
        limiter.RecordSuccess(Attacker);
        for (int i = 0; i < LoginLimiter.MaxFailures - 1; i++)
        {
            Assert.Null(limiter.RecordFailure(Attacker));
        }
        Assert.Equal(TimeSpan.FromMinutes(1), limiter.RecordFailure(Attacker)); // back to the first step
    }

    [Fact]
    public void LockedFor_OtherAddresses_AreNotAffected()
    {
        var limiter = new LoginLimiter(_time);
        for (int i = 0; i < LoginLimiter.MaxFailures; i++)
        {
            limiter.RecordFailure(Attacker);
        }
        Assert.NotNull(limiter.LockedFor(Attacker));
        Assert.NotNull(limiter.LockedFor(IPAddress.Parse("::ffff:203.0.113.7"))); // the same caller over IPv4-mapped IPv6
        Assert.Null(limiter.LockedFor(IPAddress.Parse("203.0.113.8")));
        Assert.Null(limiter.LockedFor(IPAddress.Loopback));
    }

    [Fact]
    public void LockedFor_IPv6_CountsTheWhole64()
    {
        var limiter = new LoginLimiter(_time);
        for (int i = 0; i < LoginLimiter.MaxFailures; i++)
        {
            limiter.RecordFailure(IPAddress.Parse($"2001:db8:1:2::{i + 1:x}"));
        }
        Assert.NotNull(limiter.LockedFor(IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.Null(limiter.LockedFor(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void RecordFailure_ManyAddresses_StaysBoundedAndKeepsLockedOnes()
    {
        var limiter = new LoginLimiter(_time);
        for (int i = 0; i < LoginLimiter.MaxFailures; i++)
        {
            limiter.RecordFailure(Attacker);
        }
        for (int i = 0; i < LoginLimiter.MaxTracked + 500; i++)
        {
            limiter.RecordFailure(new IPAddress(0x0A000000 + i)); // one failure each from many addresses
            if (i % 1000 == 0)
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
            }
        }
        Assert.True(limiter.Tracked <= LoginLimiter.MaxTracked);
        Assert.NotNull(limiter.LockedFor(Attacker)); // a lockout in force is not what gets evicted
    }

    [Fact]
    public void RecordFailure_AfterADayQuiet_StartsAfresh()
    {
        var limiter = new LoginLimiter(_time);
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < LoginLimiter.MaxFailures; i++)
            {
                limiter.RecordFailure(Attacker);
            }
        }
        _time.Advance(LoginLimiter.ForgetAfter);
        for (int i = 0; i < LoginLimiter.MaxFailures - 1; i++)
        {
            Assert.Null(limiter.RecordFailure(Attacker));
        }
        Assert.Equal(TimeSpan.FromMinutes(1), limiter.RecordFailure(Attacker));
    }
}
