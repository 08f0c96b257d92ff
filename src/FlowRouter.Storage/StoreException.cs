namespace FlowRouter.Storage;

/// <summary>The store cannot be used as it is (e.g. made by a newer FlowRouter); the message says what to do.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
