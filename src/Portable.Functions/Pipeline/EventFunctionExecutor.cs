using Portable.Functions.Hosting;

namespace Portable.Functions;

/// <summary>Runs a CloudEvent function with typed data.</summary>
internal static class EventFunctionExecutor
{
    public static Func<FunctionContext, Task> Create<TData>(Func<CloudEvent<TData>, FunctionContext, Task<CloudEvent?>> handler, LazyJsonTypeInfo<TData> typeInfo) =>
        async context =>
        {
            var cloudEvent = context.Event ?? throw new InvalidOperationException("An event function was invoked without an event.");
            if (cloudEvent.DataContentType is { } contentType && !MediaType.IsJson(contentType))
            {
                throw FunctionProblemException.UnsupportedMediaType(contentType, "JSON event data");
            }

            var data = TypedFunctionExecutor.Deserialize(cloudEvent.Data, typeInfo.Value);
            context.ReplyEvent = await handler(new CloudEvent<TData>(cloudEvent, data), context).ConfigureAwait(false);
        };
}
