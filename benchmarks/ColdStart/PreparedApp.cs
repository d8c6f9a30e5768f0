namespace Portable.Benchmarks.ColdStart;

/// <summary>A published subject, ready to spawn.</summary>
/// <param name="FileName">Executable to start.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="WorkingDirectory">Working directory of the process.</param>
/// <param name="SizeBytes">Deployed size: publish output without debug symbols.</param>
/// <param name="SizeNote">What the size leaves out (shared framework, Node itself).</param>
internal sealed record PreparedApp(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory, long SizeBytes, string SizeNote);
