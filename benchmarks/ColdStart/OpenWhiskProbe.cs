using System.Diagnostics;

namespace Portable.Benchmarks.ColdStart;

/// <summary>
/// The OpenWhisk invoker's first exchange with a new action container (apache/openwhisk
/// docs/actions-new.md): <c>POST /init</c> until it answers 200, then one <c>POST /run</c>; the time is that
/// of the <c>/run</c> answer.
/// </summary>
internal sealed class OpenWhiskProbe : IProbe
{
    private readonly HttpProbe _init = HttpProbe.PostPayload("/init", "openwhisk-init.json", "", "PORT");
    private readonly HttpProbe _run = HttpProbe.PostPayload("/run", "openwhisk-run-hello.json", "Hello, world!", "PORT");

    public string Description => "POST /init → 200, then POST /run (web action GET /hello) → 200 (port from PORT)";

    public IProbeRun Arm(IDictionary<string, string?> environment)
    {
        var init = _init.Arm(environment);
        var port = int.Parse(environment["PORT"]!, System.Globalization.CultureInfo.InvariantCulture);
        return new Run(init, _run.ArmOnPort(port));
    }

    private sealed class Run(IProbeRun init, IProbeRun run) : IProbeRun
    {
        public long WaitForFirstResponse(Process process, TimeSpan timeout)
        {
            init.WaitForFirstResponse(process, timeout);
            return run.WaitForFirstResponse(process, timeout);
        }

        public void Dispose()
        {
            init.Dispose();
            run.Dispose();
        }
    }
}
