using System.Diagnostics;
using System.Net;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Knative.Tests;

/// <summary>A bounded load run on loopback against the host running as a real process.</summary>
public sealed class LoadTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task SustainedLoad_NoErrors_AndResidentMemoryStaysFlat()
    {
        var port = Loopback.FreePort();
        using var process = SigtermDrainTests.StartTestApp(port);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await SigtermDrainTests.WaitUntilServingAsync(client, process);
            var duration = TimeSpan.FromSeconds(18);
            var stopwatch = Stopwatch.StartNew();
            long requests = 0;
            long errors = 0;
            var samples = new List<(TimeSpan At, long RssKb)>();

            async Task Worker()
            {
                while (stopwatch.Elapsed < duration && Interlocked.Read(ref requests) < 2_000_000)
                {
                    try
                    {
                        using var response = await client.GetAsync("/ping");
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref errors);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    Interlocked.Increment(ref requests);
                }
            }

            var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(Worker)).ToArray();
            while (stopwatch.Elapsed < duration)
            {
                samples.Add((stopwatch.Elapsed, ReadRssKb(process.Id)));
                await Task.Delay(250);
            }

            await Task.WhenAll(workers);
            var second = Median(samples.Where(s => s.At > duration / 3 && s.At <= duration * 2 / 3));
            var last = Median(samples.Where(s => s.At > duration * 2 / 3));

            output.WriteLine($"{requests} requests in {duration.TotalSeconds:F0} s ({requests / duration.TotalSeconds:F0}/s), {errors} errors, RSS second third {second} kB, last third {last} kB");
            Assert.Equal(0, errors);
            Assert.True(requests > 1_000, $"only {requests} requests completed");
            Assert.True(last <= second * 1.05, $"RSS grew from {second} kB to {last} kB ({requests} requests)");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static double Median(IEnumerable<(TimeSpan At, long RssKb)> samples)
    {
        var values = samples.Select(s => (double)s.RssKb).Order().ToArray();
        return values[values.Length / 2];
    }

    private static long ReadRssKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
