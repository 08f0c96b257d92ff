namespace FlowRouter.Core.Config;

/// <summary>A client key: its name (shown in logs) and the SHA-256 of the key. The plaintext is never kept.</summary>
public sealed record ClientKeyConfig(string Name, byte[] Sha256);
