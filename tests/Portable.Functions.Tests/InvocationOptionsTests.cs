using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>Per-message copies of an invocation's options keep everything else (a batch shares one set).</summary>
public sealed class InvocationOptionsTests
{
    [Fact]
    public void WithDeliveryAttempt_KeepsEveryOtherField()
    {
        using var aborted = new CancellationTokenSource();
        using var shutdown = new CancellationTokenSource();
        var app = TestApp.Create(a => a.MapGet("/x", (r, c) => Task.FromResult(FunctionResponse.Text("x"))));
        var target = app.Functions[0];
        var options = new InvocationOptions
        {
            InvocationId = "inv",
            Deadline = DateTimeOffset.UnixEpoch,
            Aborted = aborted.Token,
            HostShutdown = shutdown.Token,
            TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            TraceState = "k=v",
            NativeRequest = "native",
            Target = target,
        };

        var copy = options.WithDeliveryAttempt(3);

        Assert.Equal(3, copy.DeliveryAttempt);
        Assert.Equal(
            (options.InvocationId, options.Deadline, options.Aborted, options.HostShutdown, options.TraceParent, options.TraceState, options.NativeRequest, options.Target),
            (copy.InvocationId, copy.Deadline, copy.Aborted, copy.HostShutdown, copy.TraceParent, copy.TraceState, copy.NativeRequest, copy.Target));
        Assert.Null(options.DeliveryAttempt);
        Assert.Same(copy, copy.WithDeliveryAttempt(3));
        Assert.Same(copy, copy.WithTarget(target));
    }
}
