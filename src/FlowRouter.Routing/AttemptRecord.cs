namespace FlowRouter.Routing;

/// <summary>One try at one target, for the request log: where it went, how it ended, how long it took.</summary>
public sealed record AttemptRecord(string Target, int? Status, string Outcome, TimeSpan Elapsed);
