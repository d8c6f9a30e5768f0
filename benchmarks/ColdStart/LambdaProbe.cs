using System.Diagnostics;

namespace Portable.Benchmarks.ColdStart;

/// <summary>
/// Queues one event on the fake Runtime API and waits for the subject to POST its response: the AWS
/// cold start as Lambda bills it (init + first invoke).
/// </summary>
/// <param name="Api">The running fake Runtime API.</param>
/// <param name="PayloadName">Event file under Payloads/ (for the report).</param>
/// <param name="Payload">Event bytes.</param>
/// <param name="ExpectedText">Text the response body must contain.</param>
internal sealed record LambdaProbe(FakeLambdaRuntimeApi Api, string PayloadName, byte[] Payload, string ExpectedText) : IProbe
{
    public string Description => $"Runtime API /next → {PayloadName} → response POSTed";

    public static LambdaProbe FromPayloadFile(FakeLambdaRuntimeApi api, string fileName, string expectedText) =>
        new(api, fileName, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", fileName)), expectedText);

    public IProbeRun Arm(IDictionary<string, string?> environment)
    {
        environment["AWS_LAMBDA_RUNTIME_API"] = Api.Address;
        return new Run(this, Api.Enqueue(Payload));
    }

    private sealed class Run(LambdaProbe probe, LambdaInvocation invocation) : IProbeRun
    {
        public long WaitForFirstResponse(Process process, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            var answered = invocation.Response;
            // Not Task.Wait: it throws on the faulted task; the fault is rethrown below as it is.
            while (!((IAsyncResult)answered).AsyncWaitHandle.WaitOne(5))
            {
                if (process.HasExited)
                {
                    throw new ProbeFailedException($"exited with code {process.ExitCode} before answering");
                }

                if (deadline.Elapsed > timeout)
                {
                    throw new ProbeFailedException($"no response POSTed within {timeout.TotalSeconds:0}s");
                }
            }

            var (timestamp, body) = answered.GetAwaiter().GetResult();
            return body.Contains(probe.ExpectedText, StringComparison.Ordinal)
                ? timestamp
                : throw new ProbeFailedException("unexpected response: " + (body.Length > 200 ? body[..200] : body));
        }

        public void Dispose()
        {
        }
    }
}
