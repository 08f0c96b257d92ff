namespace FlowRouter.Configuration;

/// <summary>A config problem, already phrased as the one line a user sees: file:line:column: path: problem.</summary>
internal sealed class ConfigException(string message) : Exception(message);
