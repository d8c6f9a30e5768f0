using System.Collections.Concurrent;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// An HTTP function that answers without awaiting takes the invoker's synchronous path; these pin that it
/// behaves as the awaited path does: context, errors, header rules, and no state shared between requests.
/// </summary>
public sealed class SynchronousHttpPathTests
{
    [Fact]
    public async Task SynchronousAndAwaitingFunctions_RunWithTheirContextAsCurrent_AndTheCallerKeepsItsOwn()
    {
        FunctionContext? seenSync = null, contextSync = null, seenAsync = null, contextAsync = null;
        await using var app = TestApp.Create(a =>
        {
            a.MapGet("/sync", (r, c) =>
            {
                (seenSync, contextSync) = (FunctionContext.Current, c);
                return Task.FromResult(FunctionResponse.Text("sync"));
            });
            a.MapGet("/async", async (r, c) =>
            {
                await Task.Yield();
                (seenAsync, contextAsync) = (FunctionContext.Current, c);
                return FunctionResponse.Text("async");
            });
        });
        var invoker = app.Freeze();

        Assert.Equal("sync", TestApp.BodyText(await invoker.InvokeHttpAsync(new FunctionRequest("GET", "/sync"))));
        Assert.Null(FunctionContext.Current);
        Assert.Equal("async", TestApp.BodyText(await invoker.InvokeHttpAsync(new FunctionRequest("GET", "/async"))));
        Assert.Null(FunctionContext.Current);

        Assert.NotNull(contextSync);
        Assert.Same(contextSync, seenSync);
        Assert.NotNull(contextAsync);
        Assert.Same(contextAsync, seenAsync);
    }

    [Fact]
    public async Task NestedSynchronousInvocation_GivesTheOuterFunctionItsContextBack()
    {
        FunctionInvoker? invoker = null;
        FunctionContext? inner = null, outer = null, outerAfterInner = null;
        await using var app = TestApp.Create(a =>
        {
            a.MapGet("/inner", (r, c) =>
            {
                inner = FunctionContext.Current;
                return Task.FromResult(FunctionResponse.Text("inner"));
            });
            a.MapGet("/outer", (r, c) =>
            {
                outer = FunctionContext.Current;
                var answer = invoker!.InvokeHttpAsync(new FunctionRequest("GET", "/inner"));
                outerAfterInner = FunctionContext.Current;
                return answer;
            });
        });
        invoker = app.Freeze();

        Assert.Equal("inner", TestApp.BodyText(await invoker.InvokeHttpAsync(new FunctionRequest("GET", "/outer"))));

        Assert.NotNull(outer);
        Assert.NotNull(inner);
        Assert.NotSame(outer, inner);
        Assert.Same(outer, outerAfterInner);
        Assert.Null(FunctionContext.Current);
    }

    [Fact]
    public async Task CallerThatSuppressedFlow_SeesTheContextInTheFunction_AndNoneAfter()
    {
        FunctionContext? seen = null, context = null;
        await using var app = TestApp.Create(a => a.MapGet("/sync", (r, c) =>
        {
            (seen, context) = (FunctionContext.Current, c);
            return Task.FromResult(FunctionResponse.Text("sync"));
        }));
        var invoker = app.Freeze();

        Task<FunctionResponse> answer;
        using (ExecutionContext.SuppressFlow())
        {
            answer = invoker.InvokeHttpAsync(new FunctionRequest("GET", "/sync"));
            Assert.Null(FunctionContext.Current);
        }

        Assert.True(answer.IsCompletedSuccessfully);
        Assert.Equal("sync", TestApp.BodyText(await answer));
        Assert.NotNull(context);
        Assert.Same(context, seen);
    }

    [Fact]
    public async Task SynchronousThrow_AnswersLikeAFaultedTask()
    {
        await using var app = TestApp.Create(a =>
        {
            a.MapGet("/throw", (r, c) => throw new InvalidOperationException("boom"));
            a.MapGet("/faulted", (r, c) => Task.FromException<FunctionResponse>(new InvalidOperationException("boom")));
            a.MapGet("/bad", (r, c) => throw FunctionProblemException.BadRequest("no name"));
        });
        var invoker = app.Freeze();

        var thrown = await invoker.InvokeHttpAsync(new FunctionRequest("GET", "/throw"));
        var faulted = await invoker.InvokeHttpAsync(new FunctionRequest("GET", "/faulted"));
        var bad = await invoker.InvokeHttpAsync(new FunctionRequest("GET", "/bad"));

        Assert.Equal((500, "application/problem+json"), (thrown.StatusCode, thrown.ContentType));
        Assert.Equal((500, "application/problem+json"), (faulted.StatusCode, faulted.ContentType));
        Assert.Equal(400, bad.StatusCode);
        Assert.Contains("no name", TestApp.BodyText(bad), StringComparison.Ordinal);
        Assert.Null(FunctionContext.Current);
    }

    [Fact]
    public async Task SynchronousMiddlewareReplacingTheResponse_IsAnsweredWithItsResponse()
    {
        await using var app = TestApp.Create(a =>
        {
            a.Use((c, next) =>
            {
                var run = next();
                if (c.Request!.Path == "/replaced")
                {
                    c.Response = FunctionResponse.Text("replaced", 202);
                }

                return run;
            });
            a.MapGet("/replaced", (r, c) => Task.FromResult(FunctionResponse.Text("original")));
            a.MapGet("/kept", (r, c) => Task.FromResult(FunctionResponse.Text("original")));
        });
        var invoker = app.Freeze();

        var replaced = await invoker.InvokeHttpAsync(new FunctionRequest("GET", "/replaced"));
        var kept = await invoker.InvokeHttpAsync(new FunctionRequest("GET", "/kept"));

        Assert.Equal((202, "replaced"), (replaced.StatusCode, TestApp.BodyText(replaced)));
        Assert.Equal((200, "original"), (kept.StatusCode, TestApp.BodyText(kept)));
    }

    [Fact]
    public async Task SynchronousNullResponse_Answers500()
    {
        await using var app = TestApp.Create(a => a.MapGet("/null", (r, c) => Task.FromResult<FunctionResponse>(null!)));

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/null"));

        Assert.Equal((500, "application/problem+json"), (response.StatusCode, response.ContentType));
    }

    [Fact]
    public async Task SynchronousResponse_HasHopByHopHeadersDropped_AndSetCookieMovedToCookies()
    {
        await using var app = TestApp.Create(a => a.MapGet("/h", (r, c) =>
        {
            var response = FunctionResponse.Text("h");
            response.Headers.Add("Transfer-Encoding", "chunked");
            response.Headers.Add("Set-Cookie", "a=1");
            response.Headers.Add("X-Kept", "yes");
            return Task.FromResult(response);
        }));

        var answer = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/h"));

        Assert.False(answer.Headers.Contains("Transfer-Encoding"));
        Assert.False(answer.Headers.Contains("Set-Cookie"));
        Assert.Equal("yes", answer.Headers.GetFirst("X-Kept"));
        Assert.Equal(["a=1"], answer.Cookies);
    }

    [Fact]
    public async Task ConcurrentSynchronousRequests_EachSeeOnlyTheirOwnRequestContextAndItems()
    {
        var mixups = new ConcurrentBag<string>();
        var contexts = new ConcurrentDictionary<FunctionContext, byte>();
        await using var app = TestApp.Create(a => a.MapGet("/echo", (r, c) =>
        {
            var name = r.Query["name"].ToString();
            if (c.Items.Count != 0 || !ReferenceEquals(FunctionContext.Current, c) || !ReferenceEquals(c.Request, r))
            {
                mixups.Add(name);
            }

            c.Items["name"] = name;
            contexts.TryAdd(c, 0);
            var response = FunctionResponse.Text(name);
            response.Headers.Add("X-Name", name);
            return Task.FromResult(response);
        }));
        var invoker = app.Freeze();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                var name = $"w{worker}-{i}";
                var answer = await invoker.InvokeHttpAsync(new FunctionRequest("GET", "/echo") { QueryString = "name=" + name });
                if (TestApp.BodyText(answer) != name || answer.Headers.GetFirst("X-Name") != name || answer.Headers.Count != 2)
                {
                    mixups.Add(name);
                }
            }
        })));

        Assert.Empty(mixups);
        Assert.Equal(1600, contexts.Count);
    }
}
