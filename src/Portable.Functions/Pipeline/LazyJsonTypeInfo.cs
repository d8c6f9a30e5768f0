using System.Text.Json.Serialization.Metadata;

namespace Portable.Functions;

/// <summary>
/// JSON metadata for a function's input or output, resolved on the function's first invocation.
/// Resolving and configuring metadata is the first System.Text.Json work a process does and cost a
/// tenth of a Native AOT Lambda bootstrap's start-up in the profile; an instance that only serves
/// <c>GET /hello</c> never needs the typed functions' metadata. The app checks it when it freezes
/// (<see cref="Check"/>), so a missing <c>[JsonSerializable]</c> fails at start-up in every environment.
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
