namespace FlowRouter.Observability;

/// <summary>
/// Up to four label values of one series, in the order of its family's label names. A struct key, so looking a
/// series up on the request path allocates nothing.
/// </summary>
internal readonly record struct MetricLabels(string V0, string V1 = "", string V2 = "", string V3 = "")
{
    public string this[int index] => index switch
    {
        0 => V0,
        1 => V1,
        2 => V2,
        _ => V3,
    };
}
