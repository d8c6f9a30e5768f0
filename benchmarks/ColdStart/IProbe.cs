using System.Diagnostics;

namespace Portable.Benchmarks.ColdStart;

/// <summary>How the harness knows a subject has answered its first request.</summary>
internal interface IProbe
{
    /// <summary>What counts as the first response, for the report.</summary>
    string Description { get; }

    /// <summary>Prepares one run: adds what the subject needs to find the probe (port, API address) to its environment.</summary>
    IProbeRun Arm(IDictionary<string, string?> environment);
}

/// <summary>One armed probe, for one spawned process.</summary>
internal interface IProbeRun : IDisposable
{
    /// <summary>
    /// Blocks until the first successful response and returns its <see cref="Stopwatch"/> timestamp.
    /// </summary>
    /// <exception cref="ProbeFailedException">The process exited, answered wrongly, or the timeout passed.</exception>
    long WaitForFirstResponse(Process process, TimeSpan timeout);
}
