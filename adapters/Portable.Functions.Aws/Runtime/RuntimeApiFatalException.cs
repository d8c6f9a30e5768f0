namespace Portable.Functions.Aws;

/// <summary>
/// The Runtime API answered 500 or could not be reached: the execution environment is broken and the
/// documented reaction is to log and exit, which the host does by letting this escape.
/// </summary>
internal sealed class RuntimeApiFatalException(string message, Exception? innerException = null) : Exception(message, innerException);
