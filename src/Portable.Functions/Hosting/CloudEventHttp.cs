using System.Text;

namespace Portable.Functions.Hosting;

/// <summary>
/// The CloudEvents HTTP protocol binding over the neutral <see cref="FunctionRequest"/> and
/// <see cref="FunctionResponse"/>: binary, structured and batch mode, in and out.
/// </summary>
public static class CloudEventHttp
{
    private const string StructuredPrefix = "application/cloudevents";
    private const string BatchPrefix = "application/cloudevents-batch";

    /// <summary>
    /// Cheap check, no decoding: a <c>ce-specversion</c> header (binary mode) or a
    /// <c>application/cloudevents*</c> content type (structured or batch mode).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>Whether the request claims to carry CloudEvents.</returns>
    public static bool IsCloudEvent(FunctionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Contains("ce-specversion")
            || (request.ContentType?.StartsWith(StructuredPrefix, StringComparison.OrdinalIgnoreCase) ?? false);
    }

    /// <summary>The content mode of a request, by the binding's detection rule.</summary>
    /// <param name="request">The request.</param>
    /// <returns>Batch, structured, or binary.</returns>
    public static CloudEventContentMode GetContentMode(FunctionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.ContentType;
        if (contentType is null)
        {
            return CloudEventContentMode.Binary;
        }

        if (contentType.StartsWith(BatchPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return CloudEventContentMode.Batch;
        }

        return contentType.StartsWith(StructuredPrefix, StringComparison.OrdinalIgnoreCase)
            ? CloudEventContentMode.Structured
            : CloudEventContentMode.Binary;
    }

    /// <summary>Reads the event(s) a request carries, in whichever mode it was sent.</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxBodyBytes">Body size limit; larger bodies fail with 413.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One event (binary/structured) or the events of a batch.</returns>
    /// <exception cref="FunctionProblemException">400 malformed event, 413 too large, 415 a structured format other than JSON.</exception>
    public static async ValueTask<IReadOnlyList<CloudEvent>> ReadAsync(FunctionRequest request, long maxBodyBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mode = GetContentMode(request);
        if (mode != CloudEventContentMode.Binary && !MediaType.Essence(request.ContentType).EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            throw FunctionProblemException.UnsupportedMediaType(request.ContentType, "the CloudEvents JSON format");
        }

        var body = await BufferedBody.ReadAllAsync(request.Body, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        return mode switch
        {
            CloudEventContentMode.Batch => CloudEventJson.ParseBatch(body),
            CloudEventContentMode.Structured => [CloudEventJson.Parse(body)],
            _ => [FromBinary(request.Headers, body)],
        };
    }

    /// <summary>Builds an event from binary-mode headers and body.</summary>
    /// <param name="headers">Request headers with <c>ce-*</c> attributes.</param>
    /// <param name="body">The data.</param>
    /// <returns>The event.</returns>
    /// <exception cref="FunctionProblemException">400 when attributes are missing or malformed.</exception>
    public static CloudEvent FromBinary(HeaderCollection headers, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var specVersion = Required(headers, "ce-specversion");
        if (specVersion != "1.0")
        {
            throw FunctionProblemException.BadRequest($"Unsupported CloudEvents specversion '{UntrustedText.Shorten(specVersion)}'; only 1.0 is supported.");
        }

        var cloudEvent = new CloudEvent(Required(headers, "ce-id"), Required(headers, "ce-source"), Required(headers, "ce-type"))
        {
            DataContentType = headers.GetFirst("Content-Type"),
            DataSchema = Optional(headers, "ce-dataschema"),
            Subject = Optional(headers, "ce-subject"),
            Data = body,
        };

        var time = Optional(headers, "ce-time");
        if (time is not null)
        {
            if (!CloudEventAttributeFormat.TryParseTime(time, out var parsed))
            {
                throw FunctionProblemException.BadRequest($"CloudEvent attribute 'time' is not an RFC 3339 timestamp: '{UntrustedText.Shorten(time)}'.");
            }

            cloudEvent.SetTimeFromText(time, parsed);
        }

        foreach (var (name, values) in headers)
        {
            if (name.Length <= 3 || !name.StartsWith("ce-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var attribute = name[3..].ToLowerInvariant();
            if (attribute is "specversion" or "id" or "source" or "type" or "dataschema" or "subject" or "time")
            {
                continue;
            }

            if (attribute == "datacontenttype")
            {
                throw FunctionProblemException.BadRequest("Binary-mode CloudEvents carry the content type in Content-Type, not ce-datacontenttype.");
            }

            if (!CloudEvent.IsValidExtensionName(attribute))
            {
                throw FunctionProblemException.BadRequest($"'{UntrustedText.Shorten(name)}' is not a valid CloudEvents attribute header.");
            }

            cloudEvent.SetExtension(attribute, PercentEncoding.Decode(values.ToString(), name));
        }

        return cloudEvent;
    }

    /// <summary>Writes an event into a response (for reply events).</summary>
    /// <param name="cloudEvent">The event.</param>
    /// <param name="mode">Binary or structured; batch writes a one-element batch.</param>
    /// <param name="statusCode">Status; 200 for a Knative reply.</param>
    /// <returns>The response.</returns>
    public static FunctionResponse ToResponse(CloudEvent cloudEvent, CloudEventContentMode mode, int statusCode = 200)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        switch (mode)
        {
            case CloudEventContentMode.Structured:
                return FunctionResponse.Bytes(CloudEventJson.Serialize(cloudEvent), "application/cloudevents+json; charset=utf-8", statusCode);
            case CloudEventContentMode.Batch:
                return FunctionResponse.Bytes(CloudEventJson.SerializeBatch([cloudEvent]), "application/cloudevents-batch+json; charset=utf-8", statusCode);
        }

        var response = new FunctionResponse(statusCode) { Body = ResponseBody.FromBytes(cloudEvent.Data) };
        var headers = response.Headers;
        headers.Set("ce-specversion", cloudEvent.SpecVersion);
        headers.Set("ce-id", PercentEncoding.Encode(cloudEvent.Id));
        headers.Set("ce-source", PercentEncoding.Encode(cloudEvent.Source));
        headers.Set("ce-type", PercentEncoding.Encode(cloudEvent.Type));
        SetIfPresent(headers, "ce-dataschema", cloudEvent.DataSchema);
        SetIfPresent(headers, "ce-subject", cloudEvent.Subject);
        SetIfPresent(headers, "ce-time", cloudEvent.TimeText);
        foreach (var (name, value) in cloudEvent.Extensions)
        {
            headers.Set("ce-" + name, PercentEncoding.Encode(CloudEventAttributeFormat.ToCanonicalString(value)));
        }

        if (cloudEvent.DataContentType is not null)
        {
            response.ContentType = cloudEvent.DataContentType;
        }
        else if (!cloudEvent.Data.IsEmpty)
        {
            response.ContentType = "application/json";
        }

        return response;
    }

    private static void SetIfPresent(HeaderCollection headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.Set(name, PercentEncoding.Encode(value));
        }
    }

    private static string Required(HeaderCollection headers, string name) =>
        Optional(headers, name) is { Length: > 0 } value
            ? value
            : throw FunctionProblemException.BadRequest($"Binary-mode CloudEvent header '{name}' is required and must not be empty.");

    private static string? Optional(HeaderCollection headers, string name)
    {
        if (!headers.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw FunctionProblemException.BadRequest($"CloudEvent header '{name}' must appear once.");
        }

        return PercentEncoding.Decode(values[0]!, name);
    }
}
