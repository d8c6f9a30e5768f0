namespace Portable.Functions.Hosting;

/// <summary>How a CloudEvent travels in an HTTP message (CloudEvents HTTP protocol binding).</summary>
public enum CloudEventContentMode
{
    /// <summary>Attributes in <c>ce-*</c> headers, data as the body.</summary>
    Binary,

    /// <summary>The whole event as <c>application/cloudevents+json</c>.</summary>
    Structured,

    /// <summary>A JSON array of events as <c>application/cloudevents-batch+json</c>.</summary>
    Batch,
}
