using System.Globalization;

namespace Portable.Functions;

/// <summary>
/// A CloudEvents 1.0 event: the neutral envelope every adapter maps native events to (SQS, SNS, S3,
/// Pub/Sub, Storage, Event Grid, Knative brokers, ...).
/// </summary>
/// <remarks>
/// <para>A small model written for this SDK rather than <c>CloudNative.CloudEvents</c>: the pipeline needs
/// byte-exact data, a strict parser that reports a 400 for every malformed input, and zero trim/AOT
/// warnings; the official SDK's formatter serializes data through reflection.</para>
/// <para><see cref="Data"/> holds the data bytes as received: JSON text for JSON content types, the
/// UTF-8 text of a string value, or the decoded bytes of <c>data_base64</c>/a binary-mode body.</para>
/// </remarks>
public sealed class CloudEvent
{
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "specversion", "id", "source", "type", "datacontenttype", "dataschema", "subject", "time", "data", "data_base64",
    };

    // Made on first use: most events (every queue message mapped from its envelope, most replies) have
    // no extension attribute, and nothing reads them on the way to the handler.
    private Dictionary<string, object>? _extensions;
    private DateTimeOffset? _time;
    private string? _timeText;

    /// <summary>Creates an event with the required attributes.</summary>
    /// <param name="id">Event id; non-empty. Unique per <paramref name="source"/>.</param>
    /// <param name="source">Source URI-reference; non-empty.</param>
    /// <param name="type">Event type, e.g. <c>com.example.order.placed</c>; non-empty.</param>
    /// <exception cref="ArgumentException">A required attribute is null or empty.</exception>
    public CloudEvent(string id, string source, string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(type);
        Id = id;
        Source = source;
        Type = type;
    }

    /// <summary>Always <c>1.0</c>: the only version this SDK reads or writes.</summary>
    public string SpecVersion => "1.0";

    /// <summary>Event id.</summary>
    public string Id { get; }

    /// <summary>Event source (URI-reference).</summary>
    public string Source { get; }

    /// <summary>Event type.</summary>
    public string Type { get; }

    /// <summary>Content type of <see cref="Data"/>; absent means JSON in structured mode.</summary>
    public string? DataContentType { get; set; }

    /// <summary>Schema of <see cref="Data"/> (URI).</summary>
    public string? DataSchema { get; set; }

    /// <summary>Subject of the event within the source, e.g. an object key.</summary>
    public string? Subject { get; set; }

    /// <summary>When the occurrence happened.</summary>
    public DateTimeOffset? Time
    {
        get => _time;
        set
        {
            _time = value;
            _timeText = null;
        }
    }

    /// <summary>The data bytes; empty when the event has no data.</summary>
    public ReadOnlyMemory<byte> Data { get; set; }

    /// <summary>
    /// Extension attributes by name. Values are <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>,
    /// <see cref="Uri"/>, <see cref="DateTimeOffset"/> or <see cref="byte"/>[] (CloudEvents type system).
    /// </summary>
    public IReadOnlyDictionary<string, object> Extensions => ExtensionMap;

    /// <summary>
    /// The time as it should be written: the original text when the event was parsed and the time was
    /// not changed since (so a round trip is byte-exact), else RFC 3339 with the offset kept.
    /// </summary>
    public string? TimeText => _timeText ?? _time?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);

    /// <summary>Sets or removes (<paramref name="value"/> <see langword="null"/>) an extension attribute.</summary>
    /// <param name="name">Lower-case letters and digits only; not a core attribute name.</param>
    /// <param name="value">A value of a CloudEvents type (see <see cref="Extensions"/>).</param>
    /// <exception cref="ArgumentException">Invalid name, reserved name or unsupported value type.</exception>
    public void SetExtension(string name, object? value)
    {
        ValidateExtensionName(name);
        if (value is null)
        {
            _extensions?.Remove(name);
            return;
        }

        if (value is not (string or bool or int or Uri or DateTimeOffset or byte[]))
        {
            throw new ArgumentException($"Extension '{name}' has unsupported type {value.GetType().Name}.", nameof(value));
        }

        ExtensionMap[name] = value;
    }

    /// <summary>Gets an extension as its canonical string form, or <see langword="null"/> when absent.</summary>
    /// <param name="name">Extension name.</param>
    /// <returns>The string form.</returns>
    public string? GetExtensionString(string name) =>
        _extensions is not null && _extensions.TryGetValue(name, out var value) ? CloudEventAttributeFormat.ToCanonicalString(value) : null;

    /// <summary>Tells whether <paramref name="name"/> is a valid extension attribute name.</summary>
    /// <param name="name">Candidate name.</param>
    /// <returns><see langword="true"/> when valid and not reserved.</returns>
    public static bool IsValidExtensionName(string name)
    {
        if (string.IsNullOrEmpty(name) || s_reserved.Contains(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The extensions, made on first use. The one dictionary for the event's life, so a reference read
    /// from <see cref="Extensions"/> keeps seeing later changes, as it always did.
    /// </summary>
    private Dictionary<string, object> ExtensionMap
    {
        get
        {
            if (_extensions is { } extensions)
            {
                return extensions;
            }

            // Two first readers race at most once; the first stored dictionary wins for both.
            var created = new Dictionary<string, object>(StringComparer.Ordinal);
            return Interlocked.CompareExchange(ref _extensions, created, null) ?? created;
        }
    }

    internal void SetTimeFromText(string text, DateTimeOffset value)
    {
        _time = value;
        _timeText = text;
    }

    private static void ValidateExtensionName(string name)
    {
        if (!IsValidExtensionName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid CloudEvents extension attribute name (lower-case a-z and 0-9, not a core attribute).", nameof(name));
        }
    }
}
