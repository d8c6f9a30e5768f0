namespace Portable.Functions.Gcp;

/// <summary>The Functions Framework signature types and how a registered function declares one.</summary>
internal static class GcpSignatureType
{
    public const string Http = "http";
    public const string CloudEvent = "cloudevent";
    public const string Event = "event";

    /// <summary>Normalizes a configured value; conformance clients up to v1.8.5 send <c>legacyevent</c> for <c>event</c>.</summary>
    /// <exception cref="InvalidOperationException">Not a known signature type.</exception>
    public static string Parse(string value, string origin) => value.Trim().ToLowerInvariant() switch
    {
        Http => Http,
        CloudEvent => CloudEvent,
        Event or "legacyevent" => Event,
        _ => throw new InvalidOperationException($"{origin}='{value}' is not a signature type; use http, cloudevent or event."),
    };

    /// <summary>The signature the code declares: the function's kind, or the metadata of a legacy function.</summary>
    public static string Declared(FunctionDescriptor function) =>
        function.Metadata.TryGetValue(GcpFunctionAppMapExtensions.SignatureTypeMetadataKey, out var declared) ? declared
        : function.Kind == FunctionKind.Event ? CloudEvent
        : Http;
}
