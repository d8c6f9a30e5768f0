using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// The custom-runtime loop: init (memory limit, handler selection; a failure is posted to
/// <c>/init/error</c> and the process exits non-zero), then <c>next → response|error</c> until SIGTERM
/// or cancellation between invokes. A 500 from the Runtime API, or losing it, is the documented "log
/// and exit": one Critical line (no stack trace: the reason is the whole story), exit code 1, and
/// <see cref="RunAsync"/> returns, so the process ends cleanly instead of on an unhandled exception.
/// </summary>
internal sealed partial class AwsRuntimeLoop
{
    /// <summary>The synchronous-invoke payload limit Lambda names in its own 413 message.</summary>
    private const int MaxResponseBytes = 6 * 1024 * 1024;

    /// <summary>The <c>AWS_LAMBDA_INITIALIZATION_TYPE</c> value of a SnapStart snapshot's initialisation.</summary>
    private const string SnapStartInitializationType = "snap-start";

    private readonly FunctionApp _app;
    private readonly AwsOptions _options;
    private readonly ILogger _logger;
    private readonly IReadOnlyDictionary<string, string> _processProperties;

    // The invoked ARN is the same on almost every invocation: its resolved form is kept, not recomputed.
    private AwsFunctionArn? _resource;

    public AwsRuntimeLoop(FunctionApp app, AwsOptions options)
    {
        _app = app;
        _options = options;
        _logger = app.Logger;

        // The per-process part of every invocation's platform info; the per-invocation headers are added to a copy.
        _processProperties = PlatformEnvironment.Read(
            AwsPlatformProperties.PlatformName,
            app.Configuration,
            mode: null,
            AwsPlatformProperties.FunctionName,
            AwsPlatformProperties.FunctionVersion,
            AwsPlatformProperties.MemorySize,
            AwsPlatformProperties.LogGroupName,
            AwsPlatformProperties.LogStreamName,
            AwsPlatformProperties.Region,
            AwsPlatformProperties.InitializationType).Properties;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var runtimeApi = _options.RuntimeApi ?? _app.Configuration["AWS_LAMBDA_RUNTIME_API"]
            ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set: the AWS host runs only inside Lambda (or against an emulator).");
        using var client = new RuntimeApiClient(runtimeApi);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Lambda sends SIGTERM before shutting an environment down (when extensions are registered);
        // the loop is then frozen in /next, so cancelling it is a clean exit.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        try
        {
            AwsEventDispatcher dispatcher;
            try
            {
                dispatcher = Initialize(client);
            }
            catch (Exception exception)
            {
                // FunctionApp.RunAsync writes the one failure line and sets the exit code.
                await client.PostInitErrorAsync(AwsError.FromException(exception), "Runtime.InitError", CancellationToken.None).ConfigureAwait(false);
                throw new InvalidOperationException("Lambda initialisation failed (posted to /runtime/init/error).", exception);
            }

            if (string.Equals(_app.Configuration["AWS_LAMBDA_INITIALIZATION_TYPE"], SnapStartInitializationType, StringComparison.Ordinal))
            {
                await AwsSnapStart.RunAsync(_app, client, dispatcher, _options, stop.Token).ConfigureAwait(false);
            }

            var concurrency = MaxConcurrency();
            if (concurrency == 1)
            {
                await ServeAsync(client, dispatcher, concurrent: false, stop).ConfigureAwait(false);
            }
            else
            {
                // Lambda Managed Instances: the Runtime API accepts up to AWS_LAMBDA_MAX_CONCURRENCY
                // concurrent /next calls, so run that many independent loops (as AWS's Go and .NET
                // runtimes do). Each invocation keeps its own async flow, context and trace.
                LogConcurrent(_logger, concurrency);
                var loops = new Task[concurrency];
                for (var i = 0; i < loops.Length; i++)
                {
                    loops[i] = Task.Run(() => ServeAsync(client, dispatcher, concurrent: true, stop));
                }

                await Task.WhenAll(loops).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // SIGTERM while blocked across a SnapStart snapshot: a clean stop, like one between invokes.
        }
        catch (RuntimeApiFatalException exception)
        {
            // FunctionApp.RunAsync writes the one Critical line and sets the exit code.
            throw new InvalidOperationException("The Lambda Runtime API failed; exiting.", exception);
        }

        LogStopped(_logger);
    }

    /// <summary>The number of concurrent loops: <c>AWS_LAMBDA_MAX_CONCURRENCY</c> when it is a whole number above 1, else 1.</summary>
    private int MaxConcurrency()
    {
        var text = _app.Configuration["AWS_LAMBDA_MAX_CONCURRENCY"];
        if (string.IsNullOrEmpty(text))
        {
            return 1;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1)
        {
            return value;
        }

        // Lambda sets a positive number; anything else is a local mistake, served one at a time like AWS's Go runtime does.
        LogBadConcurrency(_logger, text);
        return 1;
    }

    private async Task ServeAsync(RuntimeApiClient client, AwsEventDispatcher dispatcher, bool concurrent, CancellationTokenSource stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                AwsInvocation invocation;
                try
                {
                    invocation = await client.NextAsync(stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }

                await InvokeAsync(client, dispatcher, invocation, concurrent).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (concurrent && exception is not OperationCanceledException)
        {
            // One loop failing (the Runtime API lost, a result that cannot be sent) ends the process, as
            // with one invocation at a time, instead of serving on with a slot fewer: the others stop
            // waiting in /next, and the invocations they are running finish and post their results first.
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Synchronous (an async method costs the cold start its state machine); RunAsync posts a failure.
    private AwsEventDispatcher Initialize(RuntimeApiClient client)
    {
        MemoryLimit.Apply(_app.Configuration["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]);
        var handler = _options.Handler ?? _app.Configuration["_HANDLER"];
        var streaming = _options.ResponseStreaming ?? (bool.TryParse(_app.Configuration["PORTABLE_AWS_RESPONSE_STREAMING"], out var flag) && flag);
        var dispatcher = new AwsEventDispatcher(_app, handler) { StreamFunctionUrlResponses = streaming };
        LogStarted(_logger, client.RuntimeApi, dispatcher.Target?.Name ?? "(route by path and event type)");
        return dispatcher;
    }

    private async Task InvokeAsync(RuntimeApiClient client, AwsEventDispatcher dispatcher, AwsInvocation invocation, bool concurrent)
    {
        // This async method's own flow: the adapter's lines before and after the handler carry this
        // invocation's request id and trace, whatever else runs at the same time.
        AwsInvocationScope.Current = invocation;
        if (!concurrent)
        {
            // The X-Ray SDK and OpenTelemetry's Lambda detector read the trace header from the environment.
            // A process-wide variable cannot describe overlapping invocations, so under Managed Instances
            // the trace travels only with the invocation (FunctionContext.TraceContext, the
            // AwsInvocation and the log lines), as in AWS's Go runtime.
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
        }

        var result = await DispatchAsync(dispatcher, invocation, CancellationToken.None).ConfigureAwait(false);
        _app.Freeze().FlushBeforeFreeze(invocation.Deadline); // Lambda freezes the process once the response is posted.

        // Posted here, not in a method of its own: one state machine fewer to compile on the cold start.
        if (result.Stream is { } stream)
        {
            await AwsResponseStreamer.SendAsync(client, invocation.RequestId, stream, _logger).ConfigureAwait(false);
            return;
        }

        HttpStatusCode status;
        if (result.Error is { } error)
        {
            status = await client.PostErrorAsync(invocation.RequestId, error, result.ErrorTypeHeader, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            status = await client.PostResponseAsync(invocation.RequestId, result.Payload, CancellationToken.None).ConfigureAwait(false);
            if (status == HttpStatusCode.RequestEntityTooLarge)
            {
                // The 413 already ends the invoke as failed (the Runtime Interface Emulator answers a
                // later /error with 403 InvalidStateTransition), so there is nothing more to post.
                using (InvocationLogFields.BeginUnrouted(invocation.RequestId))
                {
                    LogTooLarge(_logger, result.Payload.Length, MaxResponseBytes);
                }

                return;
            }
        }

        if (status != HttpStatusCode.Accepted)
        {
            using (InvocationLogFields.BeginUnrouted(invocation.RequestId))
            {
                LogRefused(_logger, (int)status);
            }
        }
    }

    /// <summary>
    /// One invocation's options and dispatch, shared by the loop and the in-memory invoker: never throws
    /// (an adapter fault becomes a <c>Runtime.*</c> error for this invocation).
    /// </summary>
    /// <param name="dispatcher">The dispatcher.</param>
    /// <param name="invocation">The invocation.</param>
    /// <param name="aborted">The caller giving up (the Runtime API has no such signal: none in the loop).</param>
    internal async Task<AwsResult> DispatchAsync(AwsEventDispatcher dispatcher, AwsInvocation invocation, CancellationToken aborted)
    {
        var options = new InvocationOptions
        {
            Platform = CreatePlatform(invocation),
            InvocationId = invocation.RequestId,
            Deadline = invocation.Deadline,
            Aborted = aborted,
            TraceParent = XRayTraceHeader.ToTraceParent(invocation.TraceId),
            NativeRequest = invocation,
        };

        try
        {
            return await dispatcher.DispatchAsync(invocation, options).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not RuntimeApiFatalException)
        {
            // The pipeline maps handler exceptions itself; reaching here is an adapter fault. Report it
            // for this invoke and keep serving.
            using (InvocationLogFields.BeginUnrouted(invocation.RequestId))
            {
                LogDispatchFailed(_logger, exception);
            }

            return AwsResult.RuntimeError(exception.GetType().Name, exception.Message);
        }
    }

    private PlatformInfo CreatePlatform(AwsInvocation invocation)
    {
        var properties = new Dictionary<string, string>(_processProperties, StringComparer.Ordinal);
        Add(properties, AwsPlatformProperties.FunctionArn, invocation.FunctionArn);
        if (invocation.FunctionArn is { } arn)
        {
            var resource = _resource is { } cached && cached.InvokedArn == arn
                ? cached
                : _resource = AwsFunctionArn.Resolve(arn, _processProperties.GetValueOrDefault(AwsPlatformProperties.FunctionVersion));
            Add(properties, PlatformInfo.ResourceIdProperty, resource.ResourceId);
            Add(properties, PlatformInfo.AccountIdProperty, resource.AccountId);
        }

        Add(properties, AwsPlatformProperties.TraceId, invocation.TraceId);
        Add(properties, AwsPlatformProperties.ClientContext, invocation.ClientContext);
        Add(properties, AwsPlatformProperties.CognitoIdentity, invocation.CognitoIdentity);
        Add(properties, AwsPlatformProperties.TenantId, invocation.TenantId);
        return new PlatformInfo(AwsPlatformProperties.PlatformName, properties);

        static void Add(Dictionary<string, string> properties, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                properties[name] = value;
            }
        }
    }

    [LoggerMessage(100, LogLevel.Debug, "Lambda runtime loop started against {RuntimeApi}; handler: {Handler}")]
    private static partial void LogStarted(ILogger logger, string runtimeApi, string handler);

    [LoggerMessage(102, LogLevel.Information, "Lambda Managed Instances: serving up to {Concurrency} invocations at once (AWS_LAMBDA_MAX_CONCURRENCY)")]
    private static partial void LogConcurrent(ILogger logger, int concurrency);

    [LoggerMessage(103, LogLevel.Warning, "AWS_LAMBDA_MAX_CONCURRENCY='{Value}' is not a positive whole number; serving one invocation at a time")]
    private static partial void LogBadConcurrency(ILogger logger, string value);

    [LoggerMessage(101, LogLevel.Information, "Lambda runtime loop stopped between invocations")]
    private static partial void LogStopped(ILogger logger);

    // The request id is stamped on these lines by the log format (InvocationLogFields.BeginUnrouted).
    [LoggerMessage(104, LogLevel.Error, "The adapter failed to dispatch the event")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(105, LogLevel.Error, "The response ({Bytes} bytes) is over Lambda's {Limit}-byte (6 MB) response limit: the Runtime API refused it with 413 and the invoke fails with Function.ResponseSizeTooLarge")]
    private static partial void LogTooLarge(ILogger logger, int bytes, int limit);

    [LoggerMessage(106, LogLevel.Error, "The Runtime API refused the result with {Status}")]
    private static partial void LogRefused(ILogger logger, int status);
}
