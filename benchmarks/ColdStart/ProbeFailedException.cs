namespace Portable.Benchmarks.ColdStart;

/// <summary>A run produced no successful first response; the message says what happened instead.</summary>
internal sealed class ProbeFailedException(string message) : Exception(message);
