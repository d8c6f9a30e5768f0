using Portable.Functions.Hosting;

namespace Portable.Functions.AspNetCore;

/// <summary>
/// CloudEvents over HTTP for the Kestrel-based adapters: read a request in binary, structured or batch
/// content mode, invoke the event functions, and answer the way a CloudEvents HTTP sender expects
/// (a reply event in the request's mode, 202 without one, a problem response on failure).
/// </summary>
public static class FunctionInvokerCloudEventExtensions
{
    /// <summary>
    /// Reads the CloudEvents of <paramref name="request"/> and invokes them. A malformed or oversized
    /// request is answered with its 400/413/415 problem response; no function is invoked then.
    /// </summary>
    /// <param name="invoker">The app's invoker.</param>
    /// <param name="request">A request carrying CloudEvents (see <see cref="CloudEventHttp.IsCloudEvent"/>).</param>
    /// <param name="options">The invocation settings.</param>
    /// <param name="maxBodyBytes">The largest body read; beyond it the answer is 413.</param>
    /// <returns>The response to send.</returns>
    public static async Task<FunctionResponse> InvokeCloudEventsAsync(this FunctionInvoker invoker, FunctionRequest request, InvocationOptions options, long maxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<CloudEvent> events;
        try
        {
            events = await CloudEventHttp.ReadAsync(request, maxBodyBytes, options.Aborted).ConfigureAwait(false);
        }
        catch (FunctionProblemException problem)
        {
            return invoker.Reject(problem, options.InvocationId);
        }

        return await invoker.InvokeCloudEventsAsync(events, CloudEventHttp.GetContentMode(request), options).ConfigureAwait(false);
    }

    /// <summary>
    /// Invokes events already read (or converted from a platform's native envelope). Binary and
    /// structured mode: one event; its reply goes back in the same mode, 202 without one (also for an
    /// event dropped by policy), the problem response when it fails. Batch mode: the events in order;
    /// a batch is delivered at least once as a whole, so the first retryable failure stops and asks for
    /// the whole batch again; a dropped event is reported after the rest ran; replies come back as a batch.
    /// </summary>
    /// <param name="invoker">The app's invoker.</param>
    /// <param name="events">The events; one in binary or structured mode.</param>
    /// <param name="mode">The content mode they came in.</param>
    /// <param name="options">The invocation settings.</param>
    /// <returns>The response to send.</returns>
    public static async Task<FunctionResponse> InvokeCloudEventsAsync(this FunctionInvoker invoker, IReadOnlyList<CloudEvent> events, CloudEventContentMode mode, InvocationOptions options)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        if (mode != CloudEventContentMode.Batch)
        {
            var result = await invoker.InvokeEventAsync(events[0], options).ConfigureAwait(false);

            // StatusCode is 202 for an event discarded by UndeliverableEventPolicy.Drop: acknowledged.
            return result.Error is { } error && result.StatusCode >= 400 ? invoker.ToProblemResponse(error)
                : result.Reply is { } reply ? CloudEventHttp.ToResponse(reply, mode)
                : new FunctionResponse(202);
        }

        var replies = new List<CloudEvent>();
        InvocationError? firstDrop = null;
        foreach (var cloudEvent in events)
        {
            var result = await invoker.InvokeEventAsync(cloudEvent, options).ConfigureAwait(false);
            if (result.Outcome == EventOutcome.Retry)
            {
                return invoker.ToProblemResponse(result.Error!);
            }

            firstDrop ??= result.StatusCode >= 400 ? result.Error : null;
            if (result.Reply is { } reply)
            {
                replies.Add(reply);
            }
        }

        if (firstDrop is not null)
        {
            return invoker.ToProblemResponse(firstDrop);
        }

        return replies.Count == 0
            ? new FunctionResponse(202)
            : FunctionResponse.Bytes(CloudEventJson.SerializeBatch(replies), "application/cloudevents-batch+json; charset=utf-8");
    }
}
