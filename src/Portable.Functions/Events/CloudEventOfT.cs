namespace Portable.Functions;

/// <summary>A CloudEvent whose data was deserialized to <typeparamref name="TData"/>.</summary>
/// <typeparam name="TData">The data type, described by a registered <c>JsonSerializerContext</c>.</typeparam>
public sealed class CloudEvent<TData>
{
    /// <summary>Creates the typed view.</summary>
    /// <param name="cloudEvent">The envelope.</param>
    /// <param name="data">The deserialized data.</param>
    public CloudEvent(CloudEvent cloudEvent, TData data)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        Event = cloudEvent;
        Data = data;
    }

    /// <summary>The envelope with every attribute and the raw data bytes.</summary>
    public CloudEvent Event { get; }

    /// <summary>The typed data.</summary>
    public TData Data { get; }

    /// <summary>Event id.</summary>
    public string Id => Event.Id;

    /// <summary>Event source.</summary>
    public string Source => Event.Source;

    /// <summary>Event type.</summary>
    public string Type => Event.Type;

    /// <summary>Event subject.</summary>
    public string? Subject => Event.Subject;

    /// <summary>Event time.</summary>
    public DateTimeOffset? Time => Event.Time;
}
