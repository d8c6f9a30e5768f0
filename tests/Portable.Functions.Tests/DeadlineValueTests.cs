using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// Without a platform deadline the context's deadline is the app's timeout counted from the start of the
/// invocation, even when first read later; a platform's deadline is reported as given.
/// </summary>
public sealed class DeadlineValueTests
{
    [Fact]
    public async Task DeadlineWithoutAPlatformOne_CountsFromTheStart_AndIsTheSameOnEveryRead()
    {
        var timeout = TimeSpan.FromMinutes(10);
        DateTimeOffset handlerStarted = default, firstRead = default, first = default, second = default;
        await using var app = TestApp.Create(
            a => a.MapGet("/deadline", async (r, c) =>
            {
                handlerStarted = DateTimeOffset.UtcNow;
                await Task.Delay(300);
                firstRead = DateTimeOffset.UtcNow;
                first = c.Deadline;
                await Task.Delay(50);
                second = c.Deadline;
                return new FunctionResponse(204);
            }),
            b => b.Options.Timeout = timeout);

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/deadline"));

        Assert.Equal(first, second);
        Assert.Equal(TimeSpan.Zero, first.Offset);

        // Counted from before the handler ran, not from the first read 300 ms later.
        Assert.True(first <= firstRead + timeout - TimeSpan.FromMilliseconds(250), $"{first:o} is counted from the read at {firstRead:o}.");
        Assert.True(first >= handlerStarted + timeout - TimeSpan.FromSeconds(1), $"{first:o} is more than 1 s before {handlerStarted + timeout:o}.");
    }

    [Fact]
    public async Task PlatformDeadline_IsReportedAsGiven()
    {
        var given = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2));
        DateTimeOffset seen = default;
        await using var app = TestApp.Create(a => a.MapGet("/deadline", (r, c) =>
        {
            seen = c.Deadline;
            return Task.FromResult(new FunctionResponse(204));
        }));

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/deadline"), new InvocationOptions { Deadline = given });

        Assert.Equal(given, seen);
        Assert.Equal(given.Offset, seen.Offset);
    }
}
