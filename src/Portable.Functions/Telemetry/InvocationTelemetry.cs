using System.Diagnostics;
using System.Diagnostics.Metrics;
using Portable.Functions.Hosting;

namespace Portable.Functions;

/// <summary>
/// The invocation span and the FaaS metrics, with <c>System.Diagnostics</c> only (no OpenTelemetry
/// dependency in the core; the <c>Portable.Functions.OpenTelemetry</c> package or any other listener
/// subscribes by the source and meter name).
/// </summary>
/// <remarks>
/// Conventions followed (OpenTelemetry semantic conventions, the pages as published with 1.37/1.38,
/// all "Development" status):
/// <list type="bullet">
/// <item>FaaS spans, https://opentelemetry.io/docs/specs/semconv/faas/faas-spans/: span name = the
/// function's name (the FaaS page wins over the HTTP page's <c>{method} {route}</c>), <c>faas.trigger</c>,
/// <c>faas.invocation_id</c> (named <c>faas.execution</c> before semconv 1.17; the current name is
/// used), <c>faas.coldstart</c>. <c>faas.name</c>, <c>faas.version</c>, <c>faas.instance</c>,
/// <c>faas.max_memory</c> and <c>cloud.*</c> are resource attributes there (resource/faas and
/// resource/cloud pages): the OpenTelemetry package puts them on the resource. <c>faas.name</c> is also
/// set per span and metric point because one process may serve several functions (Knative, Azure).</item>
/// <item>HTTP server spans, https://opentelemetry.io/docs/specs/semconv/http/http-spans/ (stable, the
/// 1.23+ names <c>http.request.method</c>, <c>http.response.status_code</c>, <c>url.path</c>, not the
/// older <c>http.method</c>/<c>http.status_code</c>): status error only for 5xx on a server span.</item>
/// <item>Messaging spans, https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/: a
/// consumer span per message, <c>messaging.operation.type = process</c> (1.26+; before it
/// <c>messaging.operation</c>), the message's own trace context as a link, the invocation's as parent.</item>
/// <item>FaaS metrics, https://opentelemetry.io/docs/specs/semconv/faas/faas-metrics/:
/// <c>faas.invoke_duration</c> (histogram, s, the recommended buckets), <c>faas.invocations</c>,
/// <c>faas.coldstarts</c>, <c>faas.errors</c>, <c>faas.timeouts</c>, each with <c>faas.trigger</c>.</item>
/// </list>
/// Nothing is computed for a span nobody records (<see cref="Activity.IsAllDataRequested"/>) or an
/// instrument nobody listens to (<see cref="Instrument.Enabled"/>), so with no listener an invocation
/// pays a flag check and one timestamp.
/// </remarks>
internal static class InvocationTelemetry
{
    private static readonly ActivitySource s_source = new(FunctionInvoker.ActivitySourceName);
    private static readonly Meter s_meter = new(FunctionInvoker.MeterName);

    private static readonly Histogram<double> s_duration = s_meter.CreateHistogram(
        "faas.invoke_duration",
        unit: "s",
        description: "Measures the duration of the function's logic execution",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });

    private static readonly Counter<long> s_invocations = s_meter.CreateCounter<long>("faas.invocations", "{invocation}", "Number of successful invocations");
    private static readonly Counter<long> s_coldStarts = s_meter.CreateCounter<long>("faas.coldstarts", "{coldstart}", "Number of invocation cold starts");
    private static readonly Counter<long> s_errors = s_meter.CreateCounter<long>("faas.errors", "{error}", "Number of invocation errors");
    private static readonly Counter<long> s_timeouts = s_meter.CreateCounter<long>("faas.timeouts", "{timeout}", "Number of invocation timeouts");

    // The process's first invocation is its cold start: every platform starts a process for a first request.
    private static int s_started;

    /// <summary>Whether something listens to the invocation spans.</summary>
    internal static bool HasListeners => s_source.HasListeners();

    /// <summary>Whether the duration histogram is recorded (else the invocation needs no start time).</summary>
    internal static bool MeasuresDuration => TelemetryFeature.IsSupported && s_duration.Enabled;

    /// <summary>The source's name and the attribute value for each trigger.</summary>
    internal static string TriggerName(FunctionTrigger trigger) => trigger switch
    {
        FunctionTrigger.Http => "http",
        FunctionTrigger.PubSub => "pubsub",
        FunctionTrigger.Datasource => "datasource",
        FunctionTrigger.Timer => "timer",
        _ => "other",
    };

    /// <summary>The trigger the options say, else pub/sub for a message, else the one the entry point implies.</summary>
    internal static FunctionTrigger Resolve(FunctionTrigger stated, InvocationMessage? message, FunctionTrigger implied) =>
        stated != FunctionTrigger.Unspecified ? stated
        : message is not null ? FunctionTrigger.PubSub
        : implied;

    /// <summary>Starts the invocation's span (or none when nobody listens) and notes whether it is the cold start.</summary>
    internal static Activity? Start(FunctionDescriptor function, InvocationMessage? message, FunctionTrigger trigger, ActivityContext parent, out bool coldStart)
    {
        // Switched off (the feature switch), this class's static state is never touched, so the source
        // and the meter are neither created nor, once trimmed, compiled in.
        if (!TelemetryFeature.IsSupported)
        {
            coldStart = false;
            return null;
        }

        coldStart = Volatile.Read(ref s_started) == 0 && Interlocked.Exchange(ref s_started, 1) == 0;
        if (!s_source.HasListeners())
        {
            return null;
        }

        var kind = trigger == FunctionTrigger.Http || (trigger == FunctionTrigger.Other && message is null) ? ActivityKind.Server : ActivityKind.Consumer;
        ActivityLink[]? links = null;
        if (message?.TraceParent is { } linked && ActivityContext.TryParse(linked, message.TraceState, isRemote: true, out var linkContext))
        {
            links = [new ActivityLink(linkContext)];
        }

        // The adapter owns the invocation's trace context. Without one, an ambient activity nobody records
        // (ASP.NET Core's request activity under Kestrel, created for its diagnostic listeners) must not
        // become the parent: a parent-based sampler would drop the invocation span with it. A recorded
        // ambient span (the app's own, or ASP.NET Core instrumentation) stays the parent. The change is
        // local to the invocation: the invoker's async methods undo it on returning, its synchronous event
        // and JSON entry points put the caller's activity back (FunctionInvoker.RestoreAmbient).
        if (parent == default && Activity.Current is { Recorded: false })
        {
            Activity.Current = null;
        }

        return s_source.StartActivity(function.Name, kind, parent, tags: null, links);
    }

    /// <summary>Sets the attributes known when the invocation starts.</summary>
    internal static void Describe(FunctionContext context, FunctionTrigger trigger, bool coldStart)
    {
        if (!TelemetryFeature.IsSupported)
        {
            return;
        }

        var activity = context.Activity;
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag("faas.trigger", TriggerName(trigger));
        activity.SetTag("faas.invocation_id", context.InvocationId);
        activity.SetTag("faas.name", context.FunctionName);
        activity.SetTag("faas.coldstart", coldStart);
        if (context.Platform.Get(PlatformInfo.ResourceIdProperty) is { } resourceId)
        {
            activity.SetTag("cloud.resource_id", resourceId);
        }

        if (context.Platform.Get(PlatformInfo.AccountIdProperty) is { } accountId)
        {
            activity.SetTag("cloud.account.id", accountId);
        }

        if (context.Request is { } request)
        {
            DescribeHttp(activity, context, request);
        }

        var message = context.Message;
        if (message is not null)
        {
            activity.SetTag("messaging.system", message.System);
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", message.DestinationName);
            activity.SetTag("messaging.message.id", message.MessageId ?? context.Event?.Id);
            if (message.BatchMessageCount is { } count)
            {
                activity.SetTag("messaging.batch.message_count", count);
            }

            if (message.PartitionId is { } partition)
            {
                activity.SetTag("messaging.destination.partition.id", partition);
            }

            if (message.Offset is { } offset)
            {
                activity.SetTag("messaging.kafka.offset", offset);
            }
        }

        if (context.Event is { } cloudEvent)
        {
            // https://opentelemetry.io/docs/specs/semconv/cloudevents/cloudevents-spans/
            activity.SetTag("cloudevents.event_id", cloudEvent.Id);
            activity.SetTag("cloudevents.event_source", cloudEvent.Source);
            activity.SetTag("cloudevents.event_type", cloudEvent.Type);
        }

        if (context.DeliveryAttempt is { } attempt)
        {
            activity.SetTag("messaging.message.delivery_attempt", attempt);
        }
    }

    /// <summary>Ends the span with the outcome and records the metrics.</summary>
    /// <param name="context">The invocation.</param>
    /// <param name="trigger">Its trigger.</param>
    /// <param name="coldStart">Whether it was the process's first.</param>
    /// <param name="started">Its <see cref="Stopwatch.GetTimestamp"/> at start.</param>
    /// <param name="statusCode">The HTTP status answered, or 0 for a non-HTTP invocation.</param>
    /// <param name="error">The error, if it failed.</param>
    /// <param name="timedOut">Whether it ran past its deadline.</param>
    internal static void Complete(FunctionContext context, FunctionTrigger trigger, bool coldStart, long started, int statusCode, InvocationError? error, bool timedOut)
    {
        if (!TelemetryFeature.IsSupported)
        {
            return;
        }

        // An HTTP 4xx is the client's fault, not the function's (the HTTP server span convention).
        var failed = timedOut || (error is not null && (statusCode == 0 || error.StatusCode >= 500));
        if (context.Activity is { } activity)
        {
            if (activity.IsAllDataRequested)
            {
                if (statusCode != 0)
                {
                    activity.SetTag("http.response.status_code", statusCode);
                }

                if (failed)
                {
                    activity.SetTag("error.type", timedOut ? "timeout" : error!.ErrorType);
                    activity.SetStatus(ActivityStatusCode.Error, error?.Title);
                }
            }

            activity.Stop();
        }

        if (!s_duration.Enabled && !s_invocations.Enabled && !s_errors.Enabled && !s_timeouts.Enabled && !s_coldStarts.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "faas.trigger", TriggerName(trigger) },
            { "faas.name", context.FunctionName },
        };

        // An invocation that started before the histogram had a listener has no start time.
        if (started != 0)
        {
            s_duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }

        if (coldStart)
        {
            s_coldStarts.Add(1, tags);
        }

        if (timedOut)
        {
            s_timeouts.Add(1, tags);
        }
        else if (failed)
        {
            s_errors.Add(1, tags);
        }
        else
        {
            s_invocations.Add(1, tags);
        }
    }

    private static void DescribeHttp(Activity activity, FunctionContext context, FunctionRequest request)
    {
        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.path", request.Path);
        if (context.Function.Route is { } route)
        {
            activity.SetTag("http.route", route);
        }

        var headers = request.Headers;

        // API Gateway, Cloud Run, Knative's activator and the Azure Functions host terminate TLS and say
        // the scheme the client used in X-Forwarded-Proto.
        if (headers.GetFirst("X-Forwarded-Proto") is { Length: > 0 } scheme)
        {
            activity.SetTag("url.scheme", scheme);
        }

        if (headers.GetFirst("Host") is { Length: > 0 } host)
        {
            var colon = host.LastIndexOf(':');
            var hasPort = colon > 0 && host.IndexOf(']', colon) < 0 && int.TryParse(host.AsSpan(colon + 1), out _);
            activity.SetTag("server.address", hasPort ? host[..colon] : host);
            if (hasPort)
            {
                activity.SetTag("server.port", int.Parse(host.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (headers.GetFirst("User-Agent") is { Length: > 0 } agent)
        {
            activity.SetTag("user_agent.original", agent);
        }

        if (request.RemoteIpAddress is { } client)
        {
            activity.SetTag("client.address", client);
        }
    }
}
