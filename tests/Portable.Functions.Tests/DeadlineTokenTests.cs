using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// The invocation token is made when a handler first reads it; these pin what that must not change:
/// the deadline still counts from the start of the invocation, a cancellation past the deadline is
/// still a 504, and a token read after the invocation never fires.
/// </summary>
public sealed class DeadlineTokenTests
{
    [Fact]
    public async Task TokenReadLate_StillFiresAtTheInvocationsDeadline_NotLater()
    {
        var fired = new TaskCompletionSource<TimeSpan>();
        await using var app = TestApp.Create(
            a => a.MapGet("/late", async (r, c) =>
            {
                var started = DateTimeOffset.UtcNow;
                await Task.Delay(2000);
                try
                {
                    await Task.Delay(Timeout.Infinite, c.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    fired.SetResult(DateTimeOffset.UtcNow - started);
                    throw;
                }

                return FunctionResponse.Text("never");
            }),
            b =>
            {
                b.Options.Timeout = TimeSpan.FromMilliseconds(3000);
                b.Options.DeadlineGracePeriod = TimeSpan.FromMilliseconds(100);
            });

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/late"));

        Assert.Equal(504, response.StatusCode);

        // Fires 2,900 ms after the start (deadline − grace), not 2,900 ms after the first read (~4,900 ms).
        // The two differ by the 2 s the handler waited before reading, so a loaded machine's late timer
        // (hundreds of milliseconds) cannot turn one into the other.
        Assert.InRange((await fired.Task).TotalMilliseconds, 2850, 4000);
    }

    [Fact]
    public async Task TokenFirstReadAfterItsFiringTime_IsAlreadyCancelled()
    {
        var cancelledWhenRead = new TaskCompletionSource<bool>();
        await using var app = TestApp.Create(
            a => a.MapGet("/later", async (r, c) =>
            {
                // Past deadline − grace (200 ms) whatever the machine's load: no timer is involved.
                await Task.Delay(600);
                cancelledWhenRead.SetResult(c.CancellationToken.IsCancellationRequested);
                c.CancellationToken.ThrowIfCancellationRequested();
                return FunctionResponse.Text("never");
            }),
            b =>
            {
                b.Options.Timeout = TimeSpan.FromMilliseconds(300);
                b.Options.DeadlineGracePeriod = TimeSpan.FromMilliseconds(100);
            });

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/later"));

        Assert.True(await cancelledWhenRead.Task);
        Assert.Equal(504, response.StatusCode);
    }

    [Fact]
    public async Task HandlerThatNeverReadsTheToken_CancelledPastItsDeadline_Answers504()
    {
        await using var app = TestApp.Create(
            a => a.MapGet("/own", async (r, c) =>
            {
                await Task.Delay(250);
                throw new OperationCanceledException("its own timeout");
            }),
            b =>
            {
                b.Options.Timeout = TimeSpan.FromMilliseconds(200);
                b.Options.DeadlineGracePeriod = TimeSpan.FromMilliseconds(100);
            });

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/own"));

        Assert.Equal(504, response.StatusCode);
    }

    [Fact]
    public async Task TokenReadAfterTheInvocation_NeverFires()
    {
        FunctionContext? captured = null;
        await using var app = TestApp.Create(
            a => a.MapGet("/capture", (r, c) =>
            {
                captured = c;
                return Task.FromResult(FunctionResponse.Text("ok"));
            }),
            b => b.Options.Timeout = TimeSpan.FromMilliseconds(50));

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/capture"));
        var token = captured!.CancellationToken;
        await Task.Delay(150);

        Assert.False(token.IsCancellationRequested);
    }
}
