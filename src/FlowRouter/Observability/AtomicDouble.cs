namespace FlowRouter.Observability;

/// <summary>Interlocked addition for doubles (the runtime has it for integers only).</summary>
internal static class AtomicDouble
{
    public static void Add(ref double location, double amount)
    {
        double seen = Volatile.Read(ref location);
        while (true)
        {
            double found = Interlocked.CompareExchange(ref location, seen + amount, seen);
            if (found.Equals(seen))
            {
                return;
            }
            seen = found;
        }
    }
}
