namespace FlowRouter.Providers.Http;

/// <summary>What a successful-looking upstream JSON answer turned out to be (<see cref="JsonAnswerScan"/>).</summary>
public enum AnswerShape
{
    /// <summary>A well-formed JSON object with no error in it.</summary>
    Answer,

    /// <summary>A well-formed JSON object whose top-level "error" member is set: the upstream failed inside a 2xx.</summary>
    ErrorObject,

    /// <summary>Empty, not JSON, not an object, cut short, followed by other bytes, or nested too deep.</summary>
    Malformed,
}
