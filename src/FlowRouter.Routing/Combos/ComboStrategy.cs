namespace FlowRouter.Routing.Combos;

/// <summary>How a combo orders its targets for one request; the ones after the first are the fallback.</summary>
public enum ComboStrategy
{
    /// <summary>As listed.</summary>
    Priority,

    /// <summary>Each request starts one further down the list, wrapping around.</summary>
    RoundRobin,

    /// <summary>Drawn by weight without replacement: a weight-3 target comes first three times as often as a weight-1.</summary>
    Weighted,

    /// <summary>Uniformly shuffled.</summary>
    Random,

    /// <summary>Cheapest first for the request's estimated tokens (model catalog prices); unpriced targets last.</summary>
    CostOptimal,

    /// <summary>Lowest moving average of time to first token first; targets without a sample yet first, to learn them.</summary>
    LeastLatency,
}

/// <summary>Config spelling of <see cref="ComboStrategy"/>.</summary>
public static class ComboStrategies
{
    public const string Expected = "priority | round-robin | weighted | random | cost-optimal | least-latency";

    public static bool TryParse(string text, out ComboStrategy strategy)
    {
        (bool ok, strategy) = text switch
        {
            "priority" => (true, ComboStrategy.Priority),
            "round-robin" => (true, ComboStrategy.RoundRobin),
            "weighted" => (true, ComboStrategy.Weighted),
            "random" => (true, ComboStrategy.Random),
            "cost-optimal" => (true, ComboStrategy.CostOptimal),
            "least-latency" => (true, ComboStrategy.LeastLatency),
            _ => (false, ComboStrategy.Priority),
        };
        return ok;
    }
}
