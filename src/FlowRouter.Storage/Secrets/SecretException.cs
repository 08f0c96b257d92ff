namespace FlowRouter.Storage.Secrets;

/// <summary>
/// A secret could not be protected or unprotected, or the master key is unusable. The message says what to do and
/// never contains the secret, the stored bytes or the key.
/// </summary>
public sealed class SecretException(string message, Exception? inner = null) : Exception(message, inner);
