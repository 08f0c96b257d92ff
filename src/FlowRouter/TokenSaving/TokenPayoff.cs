using FlowRouter.Providers.Tokens;

namespace FlowRouter.TokenSaving;

/// <summary>
/// Whether a condensed tool output is worth sending: it must cost fewer o200k tokens than the original. The
/// compressors only promise fewer characters, and a marker that names a tiny cut (one progress line of spaces) can
/// cost more tokens than the cut saved; what the provider bills is tokens. The gateway and <c>flowrouter compress</c>
/// both decide by this, so the CLI prints what the gateway would send.
/// </summary>
internal static class TokenPayoff
{
    /// <summary>True when <paramref name="condensed"/> is shorter in tokens; both counts are given either way.</summary>
    public static bool Pays(string text, string condensed, out int tokensBefore, out int tokensAfter)
    {
        tokensBefore = TokenEstimator.CountTokens(text);
        tokensAfter = TokenEstimator.CountTokens(condensed);
        return tokensAfter < tokensBefore;
    }
}
