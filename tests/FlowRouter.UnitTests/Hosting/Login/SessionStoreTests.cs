using FlowRouter.Hosting.Login;
using Microsoft.Extensions.Time.Testing;

namespace FlowRouter.UnitTests.Hosting.Login;

public sealed class SessionStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Create_IdIs32RandomBytesAndEachSessionHasItsOwnCsrfToken()
    {
        var store = new SessionStore(_time);
        var (id, session) = store.Create(LoginMethod.Password, "stamp");
        var (otherId, other) = store.Create(LoginMethod.Token, null);
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(id).Length);
        Assert.NotEqual(id, otherId);
        Assert.NotEqual(session.CsrfToken, other.CsrfToken);
        Assert.NotEqual(id, session.CsrfToken);
        Assert.Same(session, store.Find(id, "stamp"));
        Assert.Same(other, store.Find(otherId, "stamp"));
    }

    [Fact]
    public void Find_IdleForTwelveHours_Expires()
    {
        var store = new SessionStore(_time);
        var (id, _) = store.Create(LoginMethod.Token, null);
        _time.Advance(SessionStore.IdleTimeout - TimeSpan.FromSeconds(1));
        Assert.NotNull(store.Find(id, null)); // restarts the idle clock
        _time.Advance(SessionStore.IdleTimeout - TimeSpan.FromSeconds(1));
        Assert.NotNull(store.Find(id, null));
        _time.Advance(SessionStore.IdleTimeout);
        Assert.Null(store.Find(id, null));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Find_ActiveForSevenDays_ExpiresAnyway()
    {
        var store = new SessionStore(_time);
        var (id, _) = store.Create(LoginMethod.Token, null);
        var end = _time.GetUtcNow() + SessionStore.AbsoluteLifetime;
        while (_time.GetUtcNow() + TimeSpan.FromHours(11) < end)
        {
            _time.Advance(TimeSpan.FromHours(11));
            Assert.NotNull(store.Find(id, null));
        }
        _time.Advance(end - _time.GetUtcNow());
        Assert.Null(store.Find(id, null));
    }

    [Fact]
    public void Find_PasswordChanged_EndsPasswordSessionsOnly()
    {
        var store = new SessionStore(_time);
        var (byPassword, _) = store.Create(LoginMethod.Password, "old-hash");
        var (byToken, _) = store.Create(LoginMethod.Token, null);
        Assert.Null(store.Find(byPassword, "new-hash"));
        Assert.Null(store.Find(byPassword, "old-hash")); // ended, not merely refused
        Assert.NotNull(store.Find(byToken, "new-hash"));
        Assert.NotNull(store.Find(byToken, null));
    }

    [Fact]
    public void End_RemovesTheSession_AndUnknownIdsAreIgnored()
    {
        var store = new SessionStore(_time);
        var (id, _) = store.Create(LoginMethod.Oidc, null);
        store.End("not-a-session");
        store.End(null);
        Assert.NotNull(store.Find(id, null));
        store.End(id);
        Assert.Null(store.Find(id, null));
        Assert.Null(store.Find("", null));
        Assert.Null(store.Find(new string('x', 5000), null));
    }

    [Fact]
    public void Create_PastTheBound_DropsTheLongestIdle()
    {
        var store = new SessionStore(_time);
        var (first, _) = store.Create(LoginMethod.Token, null);
        _time.Advance(TimeSpan.FromSeconds(1));
        var (second, _) = store.Create(LoginMethod.Token, null);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(store.Find(first, null)); // first is now the more recently seen
        for (int i = 0; i < SessionStore.MaxSessions - 1; i++)
        {
            store.Create(LoginMethod.Token, null);
        }
        Assert.Equal(SessionStore.MaxSessions, store.Count);
        Assert.Null(store.Find(second, null));
        Assert.NotNull(store.Find(first, null));
    }
}
