namespace FlowRouter.Storage;

public interface IRequestLog
{
    /// <summary>Queues a row for writing; never blocks the request that produced it.</summary>
    void Append(RequestLogRow row);

    /// <summary>Rows newest first, for tests and (later) the admin API.</summary>
    IReadOnlyList<RequestLogRow> Recent(int limit);
}
