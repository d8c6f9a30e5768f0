namespace Portable.Functions;

/// <summary>A CloudEvent function with typed data, optionally replying with an event.</summary>
/// <typeparam name="TData">Data type, in a registered <c>JsonSerializerContext</c>.</typeparam>
public interface IEventFunction<TData>
{
    /// <summary>Handles one event.</summary>
    /// <param name="cloudEvent">The event with deserialized data.</param>
    /// <param name="context">Invocation context.</param>
    /// <returns>
    /// A reply event, or <see langword="null"/> for none. Throw <see cref="DropEventException"/> to drop the
    /// event without retry; any other exception asks the platform to retry it.
    /// </returns>
    Task<CloudEvent?> HandleAsync(CloudEvent<TData> cloudEvent, FunctionContext context);
}
