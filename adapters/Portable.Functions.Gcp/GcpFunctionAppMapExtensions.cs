namespace Portable.Functions.Gcp;

/// <summary>Registration of Google Cloud Functions' legacy (<c>event</c> signature) functions.</summary>
public static class GcpFunctionAppMapExtensions
{
    /// <summary>The <see cref="FunctionDescriptor.Metadata"/> key holding a function's Functions Framework signature type.</summary>
    public const string SignatureTypeMetadataKey = "gcp:signature-type";

    /// <summary>
    /// Maps a legacy background-event function (signature type <c>event</c>). It is the app's event
    /// fallback: it receives every CloudEvent no other function handles, converted to the legacy form, and
    /// on Cloud Run functions (with <c>FUNCTION_TARGET</c> naming it) every request, legacy or CloudEvent.
    /// Exceptions retry (500) like any event function; <see cref="DropEventException"/> drops.
    /// </summary>
    /// <param name="app">The app.</param>
    /// <param name="name">The function name (what <c>FUNCTION_TARGET</c> names).</param>
    /// <param name="handler">The handler.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="InvalidOperationException">Another event fallback is registered (found when the app starts).</exception>
    public static FunctionDescriptor MapLegacyEvent(this FunctionApp app, string name, Func<LegacyEvent, FunctionContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(handler);
        return app.MapCloudEvent(null, async (cloudEvent, context) =>
        {
            await handler(LegacyEvent.FromCloudEvent(cloudEvent), context).ConfigureAwait(false);
            return null;
        }).WithName(name).WithMetadata(SignatureTypeMetadataKey, GcpSignatureType.Event);
    }
}
