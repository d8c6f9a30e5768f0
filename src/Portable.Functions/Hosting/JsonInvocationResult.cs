namespace Portable.Functions.Hosting;

/// <summary>The result of a direct JSON invocation of a typed function.</summary>
public sealed class JsonInvocationResult
{
    internal JsonInvocationResult(ReadOnlyMemory<byte> output, InvocationError? error)
    {
        Output = output;
        Error = error;
    }

    /// <summary>True when the function returned normally.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The UTF-8 JSON output on success.</summary>
    public ReadOnlyMemory<byte> Output { get; }

    /// <summary>The error on failure.</summary>
    public InvocationError? Error { get; }
}
