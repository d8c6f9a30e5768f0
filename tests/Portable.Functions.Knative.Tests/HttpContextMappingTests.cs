using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Functions.AspNetCore;
using Portable.Functions.Hosting;

namespace Portable.Functions.Knative.Tests;

/// <summary>
/// The bridge's HttpContext mapping on an in-memory context: what it reads from features and headers,
/// that it adds no feature of its own, and that failures come back in the task.
/// </summary>
public sealed class HttpContextMappingTests
{
    [Fact]
    public void TraceState_IsKeptWithATraceParent_AndIgnoredWithout()
    {
        const string parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var withParent = Get();
        withParent.Request.Headers.TraceParent = parent;
        withParent.Request.Headers.TraceState = "vendor=1";
        var withoutParent = Get();
        withoutParent.Request.Headers.TraceState = "vendor=1";

        var traced = withParent.CreateInvocationOptions(PlatformInfo.Local);
        var untraced = withoutParent.CreateInvocationOptions(PlatformInfo.Local);

        Assert.Equal(parent, traced.TraceParent);
        Assert.Equal("vendor=1", traced.TraceState);
        Assert.Null(untraced.TraceParent);
        Assert.Null(untraced.TraceState);
    }

    [Fact]
    public void FallbackTraceParent_KeepsTheRequestsTraceState()
    {
        const string fallback = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var http = Get();
        http.Request.Headers.TraceState = "vendor=1";

        var options = http.CreateInvocationOptions(PlatformInfo.Local, fallbackTraceParent: fallback);

        Assert.Equal(fallback, options.TraceParent);
        Assert.Equal("vendor=1", options.TraceState);
    }

    [Fact]
    public void RemoteAddressAndAbortToken_ComeFromTheConnectionAndLifetimeFeatures()
    {
        using var abort = new CancellationTokenSource();
        var http = Get();
        http.Features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { RemoteIpAddress = IPAddress.Parse("10.1.2.3") });
        http.Features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = abort.Token });

        var request = http.ReadFunctionRequest();
        var options = http.CreateInvocationOptions(PlatformInfo.Local);

        Assert.Equal("10.1.2.3", request.RemoteIpAddress);
        Assert.Equal(abort.Token, options.Aborted);
    }

    [Fact]
    public void BodyAddressAndAbortToken_AreReadFromTheContextWhenFirstAsked()
    {
        // Set after the mapping: a bridge that copied them when mapping would report none.
        using var abort = new CancellationTokenSource();
        var http = Post([1, 2, 3]);
        var request = http.ReadFunctionRequest();
        var options = http.CreateInvocationOptions(PlatformInfo.Local);
        http.Features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { RemoteIpAddress = IPAddress.Parse("10.1.2.3") });
        http.Features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = abort.Token });

        Assert.Equal("10.1.2.3", request.RemoteIpAddress);
        Assert.Equal(abort.Token, options.Aborted);
        Assert.Equal(abort.Token, options.WithTarget(null).Aborted);
        Assert.Equal(abort.Token, options.WithDeliveryAttempt(2).Aborted);
        var body = new MemoryStream();
        request.Body.CopyTo(body);
        Assert.Equal([1, 2, 3], body.ToArray());
    }

    [Fact]
    public void RequestBody_IsOneStreamForEveryRead_AndNoneWithoutABody()
    {
        var post = Post([1]).ReadFunctionRequest();
        var get = Get().ReadFunctionRequest();

        Assert.Same(post.Body, post.Body);
        Assert.NotSame(Stream.Null, post.Body);
        Assert.Same(Stream.Null, get.Body);
    }

    [Fact]
    public void RequestBody_FollowsTheServersBodyDetection_OverTheHeaders()
    {
        var http = Post([1, 2]);
        http.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(false));

        Assert.Same(Stream.Null, http.ReadFunctionRequest().Body);
    }

    [Fact]
    public async Task MappingARequestAndWritingTheResponse_AddsNoFeatureToTheContext()
    {
        var http = Get();
        var body = new MemoryStream();
        http.Response.Body = body;
        var revision = http.Features.Revision;

        var request = http.ReadFunctionRequest();
        var options = http.CreateInvocationOptions(PlatformInfo.Local);
        await http.WriteFunctionResponseAsync(FunctionResponse.Text("Hello, " + request.Query["name"] + "!"), NullLogger.Instance);

        Assert.Equal(revision, http.Features.Revision);
        Assert.Null(request.RemoteIpAddress);
        Assert.False(options.Aborted.CanBeCanceled);
        Assert.Equal(200, http.Response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", http.Response.ContentType);
        Assert.Equal(11, http.Response.ContentLength);
        Assert.Equal("Hello, Ada!", Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task WriteWithoutAResponse_FailsInTheTask_NotInTheCall()
    {
        var http = Get();

        var write = http.WriteFunctionResponseAsync((FunctionResponse)null!, NullLogger.Instance);

        Assert.True(write.IsFaulted);
        await Assert.ThrowsAsync<ArgumentNullException>(() => write);
    }

    [Fact]
    public async Task PendingInvocation_IsWrittenWhenItCompletes_AndAFailedOneFailsTheWrite()
    {
        var http = Get();
        var body = new MemoryStream();
        http.Response.Body = body;
        var pending = new TaskCompletionSource<FunctionResponse>(TaskCreationOptions.RunContinuationsAsynchronously);

        var write = http.WriteFunctionResponseAsync(pending.Task, NullLogger.Instance);
        Assert.False(write.IsCompleted);
        Assert.Equal(0, body.Length);
        pending.SetResult(FunctionResponse.Text("later"));
        await write;

        Assert.Equal("later", Encoding.UTF8.GetString(body.ToArray()));
        var failing = http.WriteFunctionResponseAsync(Task.FromException<FunctionResponse>(new InvalidOperationException("boom")), NullLogger.Instance);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
    }

    [Fact]
    public async Task BufferedWriteThatWaitsForTheClient_EndsWhenTheClientGoesAway()
    {
        using var abort = new CancellationTokenSource();
        var http = Get();
        http.Features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = abort.Token });
        var stuck = new StuckStream();
        http.Response.Body = stuck;

        var write = http.WriteFunctionResponseAsync(FunctionResponse.Text("Hello"), NullLogger.Instance);
        Assert.True(stuck.Written.Task.IsCompleted);
        Assert.False(write.IsCompleted);
        await abort.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
    }

    private static DefaultHttpContext Get()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Path = "/hello";
        http.Request.QueryString = new QueryString("?name=Ada");
        return http;
    }

    private static DefaultHttpContext Post(byte[] body)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = "/orders";
        http.Request.ContentLength = body.Length;
        http.Request.Body = new MemoryStream(body, writable: false);
        return http;
    }

    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => canHaveBody;
    }

    /// <summary>A response body whose writes wait for a client that does not read.</summary>
    private sealed class StuckStream : MemoryStream
    {
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written.TrySetResult();
            // Bounded, so an implementation that never gives up fails instead of hanging the run.
            return new ValueTask(Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
        }
    }
}
