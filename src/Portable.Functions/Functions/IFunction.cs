namespace Portable.Functions;

/// <summary>
/// A typed JSON function: <typeparamref name="TIn"/> in, <typeparamref name="TOut"/> out. Behind HTTP it
/// answers <c>POST</c> with a JSON body; a body that does not deserialize gives 400, a non-JSON content
/// type 415. It can also be invoked directly with a JSON payload (Lambda Invoke, queues).
/// </summary>
/// <typeparam name="TIn">Input type, in a registered <c>JsonSerializerContext</c>.</typeparam>
/// <typeparam name="TOut">Output type, in a registered <c>JsonSerializerContext</c>.</typeparam>
public interface IFunction<TIn, TOut>
{
    /// <summary>Handles one input.</summary>
    /// <param name="input">The deserialized input; never <see langword="null"/>.</param>
    /// <param name="context">Invocation context.</param>
    /// <returns>The output, serialized as JSON.</returns>
    Task<TOut> HandleAsync(TIn input, FunctionContext context);
}
