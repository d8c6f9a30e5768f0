using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// The custom-runtime side of Lambda SnapStart ("Implementing SnapStart hooks for container images",
/// docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-custom.html): after initialisation,
/// optionally invoke warm-up requests, run the before-snapshot hooks, call <c>GET /runtime/restore/next</c>
/// (Lambda snapshots the process while that call is open and answers it in each restored copy), run
/// the after-restore hooks, then serve <c>/invocation/next</c> as usual. A failing before-snapshot hook is
/// an initialisation failure (<c>/runtime/init/error</c>, <c>Runtime.BeforeSnapshotError</c>); a failing
/// after-restore hook is reported to <c>/runtime/restore/error</c> (<c>Runtime.AfterRestoreError</c>); the
/// process then exits non-zero, as the page asks. Error type names are those of AWS's .NET runtime
/// (aws-lambda-dotnet <c>Amazon.Lambda.RuntimeSupport/Bootstrap/Constants.cs</c>).
/// </summary>
internal static partial class AwsSnapStart
{
    public const string BeforeSnapshotErrorType = "Runtime.BeforeSnapshotError";
    public const string AfterRestoreErrorType = "Runtime.AfterRestoreError";

    public static async Task RunAsync(FunctionApp app, RuntimeApiClient client, AwsEventDispatcher dispatcher, AwsOptions options, CancellationToken cancellationToken)
    {
        var logger = app.Logger;
        try
        {
            await WarmUpAsync(app, dispatcher, options, logger).ConfigureAwait(false);
            await app.RunBeforeSnapshotHooksAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await client.PostInitErrorAsync(AwsError.FromException(exception), BeforeSnapshotErrorType, CancellationToken.None).ConfigureAwait(false);
            throw new InvalidOperationException("A SnapStart before-snapshot hook failed (posted to /runtime/init/error).", exception);
        }

        LogSnapshotReady(logger);
        await client.RestoreNextAsync(cancellationToken).ConfigureAwait(false);

        // Warm-up invocations ran in the snapshot's process; none of their values belongs to a restored copy.
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", null);
        try
        {
            await app.RunAfterRestoreHooksAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await client.PostRestoreErrorAsync(AwsError.FromException(exception), AfterRestoreErrorType, CancellationToken.None).ConfigureAwait(false);
            throw new InvalidOperationException("A SnapStart after-restore hook failed (posted to /runtime/restore/error).", exception);
        }

        LogRestored(logger);
    }

    /// <summary>
    /// The warm-up requests: <see cref="AwsOptions.SnapStartWarmUp"/>, else <c>PORTABLE_AWS_SNAPSTART_WARMUP</c>
    /// (<c>GET /hello;POST /orders</c>). Each is dispatched as an HTTP API v2 event with no body through the
    /// real pipeline, so the code paths it touches are compiled and initialised inside the snapshot.
    /// </summary>
    internal static IReadOnlyList<string> WarmUpRequests(FunctionApp app, AwsOptions options) =>
        options.SnapStartWarmUp.Count > 0
            ? [.. options.SnapStartWarmUp]
            : (app.Configuration["PORTABLE_AWS_SNAPSTART_WARMUP"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task WarmUpAsync(FunctionApp app, AwsEventDispatcher dispatcher, AwsOptions options, ILogger logger)
    {
        var requests = WarmUpRequests(app, options);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var space = request.IndexOf(' ', StringComparison.Ordinal);
            var method = space > 0 ? request[..space] : "GET";
            var target = space > 0 ? request[(space + 1)..].Trim() : request;
            if (!target.StartsWith('/'))
            {
                throw new InvalidOperationException($"SnapStart warm-up request '{request}' is not 'METHOD /path[?query]'.");
            }

            var id = $"snapstart-warm-up-{i + 1}";
            var invocation = new AwsInvocation { RequestId = id, Deadline = DateTimeOffset.UtcNow.AddSeconds(30), Event = HttpApiEvent(id, method, target) };
            var result = await dispatcher.DispatchAsync(invocation, new InvocationOptions
            {
                Platform = new PlatformInfo(AwsPlatformProperties.PlatformName),
                InvocationId = id,
                Deadline = invocation.Deadline,
                NativeRequest = invocation,
            }).ConfigureAwait(false);
            if (result.Stream is { } streamed)
            {
                await streamed.Body.WriteToAsync(Stream.Null, CancellationToken.None).ConfigureAwait(false);
            }

            LogWarmedUp(logger, method, target, result.Error is null ? "answered" : "failed: " + result.Error.ErrorMessage);
        }
    }

    private static byte[] HttpApiEvent(string id, string method, string target)
    {
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = question < 0 ? string.Empty : target[(question + 1)..];
        using var buffer = new MemoryStream(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("version", "2.0");
            writer.WriteString("routeKey", "$default");
            writer.WriteString("rawPath", path);
            writer.WriteString("rawQueryString", query);
            writer.WriteStartObject("headers");
            writer.WriteString("host", "localhost");
            writer.WriteString("user-agent", "portable-functions-snapstart-warm-up");
            writer.WriteEndObject();
            writer.WriteStartObject("requestContext");
            writer.WriteString("requestId", id);
            writer.WriteString("routeKey", "$default");
            writer.WriteString("stage", "$default");
            writer.WriteStartObject("http");
            writer.WriteString("method", method.ToUpperInvariant());
            writer.WriteString("path", path);
            writer.WriteString("protocol", "HTTP/1.1");
            writer.WriteString("sourceIp", "127.0.0.1");
            writer.WriteString("userAgent", "portable-functions-snapstart-warm-up");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteBoolean("isBase64Encoded", false);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    [LoggerMessage(120, LogLevel.Information, "SnapStart: initialisation and before-snapshot hooks done; waiting for the snapshot (GET /runtime/restore/next)")]
    private static partial void LogSnapshotReady(ILogger logger);

    [LoggerMessage(121, LogLevel.Information, "SnapStart: restored from the snapshot; after-restore hooks done")]
    private static partial void LogRestored(ILogger logger);

    [LoggerMessage(122, LogLevel.Information, "SnapStart warm-up {Method} {Target}: {Outcome}")]
    private static partial void LogWarmedUp(ILogger logger, string method, string target, string outcome);
}
