using System.Text.Json.Serialization.Metadata;

namespace Portable.Functions;

/// <summary>
/// JSON metadata for a function's input or output. It cannot be resolved when the function is mapped:
/// contexts may be registered as factories that must not run until the app needs them. The app resolves
/// it when it freezes (<see cref="Check"/>), so a missing <c>[JsonSerializable]</c> fails at start-up in
/// every environment, and keeps it for the invocations. (Measured costs: benchmarks/README.md.)
/// </summary>
/// <typeparam name="T">The type.</typeparam>
internal sealed class LazyJsonTypeInfo<T>
{
    private readonly FunctionApp _app;
    private JsonTypeInfo<T>? _value;

    public LazyJsonTypeInfo(FunctionApp app)
    {
        _app = app;
    }

    /// <summary>The metadata; a benign race may resolve it twice, to equal values.</summary>
    /// <exception cref="InvalidOperationException">No registered context describes <typeparamref name="T"/>.</exception>
    public JsonTypeInfo<T> Value => _value ??= _app.GetJsonTypeInfo<T>();

    /// <summary>Resolves the metadata now.</summary>
    /// <exception cref="InvalidOperationException">No registered context describes <typeparamref name="T"/>.</exception>
    public void Check() => _ = Value;
}
