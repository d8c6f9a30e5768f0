namespace Portable.Functions;

/// <summary>The shape of a registered function.</summary>
public enum FunctionKind
{
    /// <summary>Raw HTTP: <see cref="FunctionRequest"/> in, <see cref="FunctionResponse"/> out.</summary>
    Http,

    /// <summary>Typed JSON: an input object in, an output object out.</summary>
    Typed,

    /// <summary>CloudEvent in, optional reply event out.</summary>
    Event,
}
