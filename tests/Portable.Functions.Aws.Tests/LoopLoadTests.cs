using Xunit.Abstractions;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// The sample's real loop in its own process, 20,000 sequential invocations against the fake Runtime API
/// on loopback: no errors, and the process's resident memory does not grow after warm-up. (Measured in
/// the child: the fake server remembers every answered request id, by contract, so the test process grows.)
/// </summary>
[Collection(RuntimeLoopCollection.Name)]
public sealed class LoopLoadTests(ITestOutputHelper output)
{
    // Warm-up (tiered compilation's second tier, GC budgets) lasts more invocations on a loaded machine: the
    // resident set was seen still rising after 5,000 and flat after about 11,000. The measured half is as
    // long as the warm-up, so a leak of 400 bytes per invocation (4 MB) exceeds the 5 % margin.
    private const int WarmUp = 10_000;

    [SkippableFact]
    public async Task SequentialInvocations_NoErrors_NoMemoryGrowthAfterWarmUp()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "RSS is read from /proc.");
        await using var api = await FakeRuntimeApi.StartAsync();
        using var process = SampleProcessTests.StartSample(api, memorySize: "512");
        try
        {
            var hello = Events.HttpApi("GET", "/hello", "name=Load");
            var errors = 0;
            long afterWarmUp = 0;
            var samples = new System.Text.StringBuilder();
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 1; i <= 2 * WarmUp; i++)
            {
                var result = await api.InvokeAsync(hello).WaitAsync(TimeSpan.FromSeconds(30));
                if (result.Kind != "response" || result.Json.GetProperty("statusCode").GetInt32() != 200)
                {
                    errors++;
                }

                if (i % 2_000 == 0)
                {
                    var rss = ReadRssKb(process.Id);
                    samples.Append(i).Append(": ").Append(rss).Append(" kB  ");
                    if (i == WarmUp)
                    {
                        afterWarmUp = rss;
                    }
                }
            }

            var atEnd = ReadRssKb(process.Id);
            output.WriteLine($"{2 * WarmUp:N0} invocations in {stopwatch.Elapsed.TotalSeconds:F1} s, {errors} errors, loop RSS {afterWarmUp} kB after {WarmUp:N0} → {atEnd} kB at the end");
            output.WriteLine(samples.ToString());
            Assert.Equal(0, errors);
            Assert.True(atEnd <= afterWarmUp * 1.05, $"loop RSS grew from {afterWarmUp} kB to {atEnd} kB");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static long ReadRssKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
