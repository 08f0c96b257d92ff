namespace FlowRouter.TestKit;

/// <summary>Two JSON documents differ; the message names the first differing path.</summary>
public sealed class JsonAssertException : Exception
{
    public JsonAssertException()
    {
    }

    public JsonAssertException(string message)
        : base(message)
    {
    }

    public JsonAssertException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
