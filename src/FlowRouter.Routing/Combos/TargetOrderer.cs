namespace FlowRouter.Routing.Combos;

/// <summary>The request's size as far as routing cares: estimated input tokens and the answer it may get.</summary>
public readonly record struct RequestEstimate(long InputTokens, long OutputTokens);

/// <summary>
/// Puts a combo's targets in the order to try them for one request: the combo's strategy orders its children, a
/// child combo is expanded in place by its own strategy, and a target reached twice keeps its first place. Writes
/// into a caller's buffer and orders indexes on the stack, so a decision allocates nothing.
/// </summary>
public sealed class TargetOrderer(LatencyBook latency, Func<double> random, Func<Target, RequestEstimate, decimal?> cost)
{
    /// <summary>More children than this in one combo are kept in listed order (ordering them needs stack space).</summary>
    public const int MaxOrderedChildren = 64;

    public LatencyBook Latency => latency;

    /// <summary>Appends the combo's targets in order to <paramref name="destination"/> from <paramref name="count"/> on.</summary>
    public void Order(ComboNode combo, Target[] destination, ref int count, RequestEstimate estimate)
    {
        var children = combo.Children;
        int n = Math.Min(children.Count, MaxOrderedChildren);
        Span<int> order = stackalloc int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        switch (combo.Strategy)
        {
            case ComboStrategy.RoundRobin:
                Rotate(order, (int)((uint)combo.NextTurn() % (uint)Math.Max(n, 1)));
                break;
            case ComboStrategy.Weighted:
                WeightedShuffle(children, order);
                break;
            case ComboStrategy.Random:
                Shuffle(order);
                break;
            case ComboStrategy.CostOptimal:
                SortBy(children, order, estimate, byCost: true);
                break;
            case ComboStrategy.LeastLatency:
                SortBy(children, order, estimate, byCost: false);
                break;
        }
        foreach (int index in order)
        {
            Append(children[index], destination, ref count, estimate);
        }
        for (int i = n; i < children.Count; i++)
        {
            Append(children[i], destination, ref count, estimate);
        }
    }

    private void Append(ComboChild child, Target[] destination, ref int count, RequestEstimate estimate)
    {
        if (child.Combo is { } nested)
        {
            Order(nested, destination, ref count, estimate);
            return;
        }
        var target = child.Target!;
        for (int i = 0; i < count; i++)
        {
            if (ReferenceEquals(destination[i], target) || destination[i].Address == target.Address)
            {
                return;
            }
        }
        if (count < destination.Length)
        {
            destination[count++] = target;
        }
    }

    private static void Rotate(Span<int> order, int start)
    {
        if (start == 0)
        {
            return;
        }
        order[..start].Reverse();
        order[start..].Reverse();
        order.Reverse();
    }

    private void Shuffle(Span<int> order)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(random() * (i + 1));
            (order[i], order[Math.Min(j, i)]) = (order[Math.Min(j, i)], order[i]);
        }
    }

    /// <summary>Draws one position at a time with probability proportional to weight, among those not drawn yet.</summary>
    private void WeightedShuffle(List<ComboChild> children, Span<int> order)
    {
        for (int position = 0; position < order.Length - 1; position++)
        {
            long total = 0;
            for (int i = position; i < order.Length; i++)
            {
                total += Math.Max(children[order[i]].Weight, 0);
            }
            if (total == 0)
            {
                return; // only zero weights left: keep them as listed
            }
            double pick = random() * total;
            int chosen = order.Length - 1;
            for (int i = position; i < order.Length; i++)
            {
                pick -= Math.Max(children[order[i]].Weight, 0);
                if (pick < 0)
                {
                    chosen = i;
                    break;
                }
            }
            (order[position], order[chosen]) = (order[chosen], order[position]);
        }
    }

    /// <summary>A stable insertion sort (a handful of children) by cost or by average latency; unknowns as documented.</summary>
    private void SortBy(List<ComboChild> children, Span<int> order, RequestEstimate estimate, bool byCost)
    {
        Span<double> keys = stackalloc double[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            keys[i] = Key(children[order[i]], estimate, byCost);
        }
        for (int i = 1; i < order.Length; i++)
        {
            double key = keys[i];
            int value = order[i];
            int j = i - 1;
            while (j >= 0 && keys[j] > key)
            {
                keys[j + 1] = keys[j];
                order[j + 1] = order[j];
                j--;
            }
            keys[j + 1] = key;
            order[j + 1] = value;
        }
    }

    private double Key(ComboChild child, RequestEstimate estimate, bool byCost)
    {
        var target = child.Target ?? FirstTarget(child.Combo!);
        if (target is null)
        {
            return double.MaxValue;
        }
        if (byCost)
        {
            return cost(target, estimate) is { } price ? (double)price : double.MaxValue; // unpriced last
        }
        return latency.AverageMs(target.Address) ?? -1; // never measured: first, so it gets measured
    }

    /// <summary>A nested combo is ranked by its first listed target.</summary>
    private static Target? FirstTarget(ComboNode combo)
    {
        foreach (var child in combo.Children)
        {
            if ((child.Target ?? (child.Combo is { } nested ? FirstTarget(nested) : null)) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
