using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace Portable.Functions;

/// <summary>
/// Registration of functions on a <see cref="FunctionApp"/>. Everything is explicit and generic, so it
/// works under Native AOT: no assembly scanning, no reflection over handler methods.
/// </summary>
public static class FunctionAppMapExtensions
{
    /// <summary>Maps a raw HTTP function to a route for the given methods (none = any method).</summary>
    /// <param name="app">The app.</param>
    /// <param name="route">Route template: literals, <c>{name}</c>, final <c>{*rest}</c>.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="methods">Accepted methods; empty for any.</param>
    /// <returns>The descriptor, for <c>WithName</c>/<c>WithMetadata</c>.</returns>
    public static FunctionDescriptor MapHttp(this FunctionApp app, string route, Func<FunctionRequest, FunctionContext, Task<FunctionResponse>> handler, params string[] methods)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(handler);
        var template = RouteTemplate.Parse(route);
        var normalized = methods.Select(HttpMethods.Normalize).Distinct(StringComparer.Ordinal).ToArray();
        var name = app.UniqueName(FunctionNames.FromRoute(template.Text), normalized.Length == 1 ? normalized[0].ToLowerInvariant() : null);
        return app.Add(new FunctionDescriptor(name, FunctionKind.Http, context => RunHttp(handler, context))
        {
            Route = template.Text,
            Methods = normalized,
            Template = template,
        });
    }

    /// <summary>Maps a raw HTTP function to <c>GET</c> (and <c>HEAD</c>) on a route.</summary>
    /// <param name="app">The app.</param>
    /// <param name="route">Route template.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>The descriptor.</returns>
    public static FunctionDescriptor MapGet(this FunctionApp app, string route, Func<FunctionRequest, FunctionContext, Task<FunctionResponse>> handler) =>
        app.MapHttp(route, handler, HttpMethods.Get);

    /// <summary>Maps a raw HTTP function to <c>POST</c> on a route.</summary>
    /// <param name="app">The app.</param>
    /// <param name="route">Route template.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>The descriptor.</returns>
    public static FunctionDescriptor MapPost(this FunctionApp app, string route, Func<FunctionRequest, FunctionContext, Task<FunctionResponse>> handler) =>
        app.MapHttp(route, handler, HttpMethods.Post);

    /// <summary>Maps an <see cref="IHttpFunction"/> created per invocation from the invocation's services.</summary>
    /// <typeparam name="TFunction">The function type; its public constructor's parameters are resolved from DI.</typeparam>
    /// <param name="app">The app.</param>
    /// <param name="route">Route template.</param>
    /// <param name="methods">Accepted methods; empty for any.</param>
    /// <returns>The descriptor.</returns>
    public static FunctionDescriptor MapHttp<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFunction>(this FunctionApp app, string route, params string[] methods)
        where TFunction : class, IHttpFunction =>
        app.MapHttp(route, (request, context) => Activate<TFunction>(context).HandleAsync(request, context), methods)
            .ImplementedBy(typeof(TFunction));

    /// <summary>
    /// Maps a typed JSON function to <c>POST</c> on a route: the body is deserialized to
    /// <typeparamref name="TIn"/> (400 when it cannot be, 415 for a non-JSON content type, 413 when too
    /// large) and the result is returned as JSON with 200.
    /// </summary>
    /// <typeparam name="TIn">Input type (registered JSON metadata).</typeparam>
    /// <typeparam name="TOut">Output type (registered JSON metadata).</typeparam>
    /// <param name="app">The app.</param>
    /// <param name="route">Route template.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>The descriptor.</returns>
    /// <remarks>
    /// The JSON metadata of <typeparamref name="TIn"/> and <typeparamref name="TOut"/> is checked when the
    /// app freezes (before the host accepts a request, in every environment): a type no registered
    /// context describes stops the start-up with a message naming the missing <c>[JsonSerializable]</c>.
    /// </remarks>
    public static FunctionDescriptor MapPost<TIn, TOut>(this FunctionApp app, string route, Func<TIn, FunctionContext, Task<TOut>> handler)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(handler);
        var template = RouteTemplate.Parse(route);
        var input = new LazyJsonTypeInfo<TIn>(app);
        var output = new LazyJsonTypeInfo<TOut>(app);
        var execute = TypedFunctionExecutor.Create(handler, input, output, app.Options);
        return app.Add(new FunctionDescriptor(app.UniqueName(FunctionNames.FromRoute(template.Text), "post"), FunctionKind.Typed, execute)
        {
            Route = template.Text,
            Methods = [HttpMethods.Post],
            Template = template,
            InputType = typeof(TIn),
            OutputType = typeof(TOut),
            CheckJsonMetadata = () =>
            {
                input.Check();
                output.Check();
            },
        });
    }

    /// <summary>Maps an <see cref="IFunction{TIn, TOut}"/> created per invocation from the invocation's services.</summary>
    /// <typeparam name="TIn">Input type.</typeparam>
    /// <typeparam name="TOut">Output type.</typeparam>
    /// <typeparam name="TFunction">The function type.</typeparam>
    /// <param name="app">The app.</param>
    /// <param name="route">Route template.</param>
    /// <returns>The descriptor.</returns>
    public static FunctionDescriptor MapFunction<TIn, TOut, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFunction>(this FunctionApp app, string route)
        where TFunction : class, IFunction<TIn, TOut> =>
        app.MapPost<TIn, TOut>(route, (input, context) => Activate<TFunction>(context).HandleAsync(input, context))
            .ImplementedBy(typeof(TFunction));

    /// <summary>Maps a CloudEvent function with typed data that never replies.</summary>
    /// <typeparam name="TData">Data type (registered JSON metadata).</typeparam>
    /// <param name="app">The app.</param>
    /// <param name="eventType">The CloudEvent <c>type</c> handled.</param>
    /// <param name="handler">The handler. Throw <see cref="DropEventException"/> to drop; other exceptions retry.</param>
    /// <returns>The descriptor.</returns>
    public static FunctionDescriptor MapEvent<TData>(this FunctionApp app, string eventType, Func<CloudEvent<TData>, FunctionContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return app.MapEvent<TData>(eventType, async (cloudEvent, context) =>
        {
            await handler(cloudEvent, context).ConfigureAwait(false);
            return null;
        });
    }

    /// <summary>Maps a CloudEvent function with typed data that may reply with an event.</summary>
    /// <typeparam name="TData">Data type (registered JSON metadata).</typeparam>
    /// <param name="app">The app.</param>
    /// <param name="eventType">The CloudEvent <c>type</c> handled.</param>
    /// <param name="handler">The handler; returns the reply or <see langword="null"/>.</param>
    /// <returns>The descriptor.</returns>
    public static FunctionDescriptor MapEvent<TData>(this FunctionApp app, string eventType, Func<CloudEvent<TData>, FunctionContext, Task<CloudEvent?>> handler)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentNullException.ThrowIfNull(handler);
        var data = new LazyJsonTypeInfo<TData>(app);
        var execute = EventFunctionExecutor.Create(handler, data);
        return app.Add(new FunctionDescriptor(app.UniqueName(FunctionNames.FromEventType(eventType), null), FunctionKind.Event, execute)
        {
            EventType = eventType,
            InputType = typeof(TData),
            CheckJsonMetadata = data.Check,
        });
    }

    /// <summary>Maps an <see cref="IEventFunction{TData}"/> created per invocation from the invocation's services.</summary>
    /// <typeparam name="TData">Data type.</typeparam>
    /// <typeparam name="TFunction">The function type.</typeparam>
    /// <param name="app">The app.</param>
    /// <param name="eventType">The CloudEvent <c>type</c> handled.</param>
    /// <returns>The descriptor.</returns>
    public static FunctionDescriptor MapEvent<TData, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFunction>(this FunctionApp app, string eventType)
        where TFunction : class, IEventFunction<TData> =>
        app.MapEvent<TData>(eventType, (cloudEvent, context) => Activate<TFunction>(context).HandleAsync(cloudEvent, context))
            .ImplementedBy(typeof(TFunction));

    /// <summary>
    /// Maps a raw CloudEvent function. With <paramref name="eventType"/> <see langword="null"/> it is the
    /// fallback that receives every event whose type has no function (instead of a 404).
    /// </summary>
    /// <param name="app">The app.</param>
    /// <param name="eventType">The type handled, or <see langword="null"/> for the fallback.</param>
    /// <param name="handler">The handler; returns the reply or <see langword="null"/>.</param>
    /// <returns>The descriptor.</returns>
    public static FunctionDescriptor MapCloudEvent(this FunctionApp app, string? eventType, Func<CloudEvent, FunctionContext, Task<CloudEvent?>> handler)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(handler);
        var name = app.UniqueName(eventType is null ? "events-fallback" : FunctionNames.FromEventType(eventType), null);
        return app.Add(new FunctionDescriptor(name, FunctionKind.Event, async context =>
        {
            context.ReplyEvent = await handler(context.Event!, context).ConfigureAwait(false);
        })
        {
            EventType = eventType,
            IsEventFallback = eventType is null,
        });
    }

    private static FunctionDescriptor ImplementedBy(this FunctionDescriptor descriptor, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type type)
    {
        descriptor.ImplementationType = type;
        return descriptor;
    }

    private static TFunction Activate<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFunction>(FunctionContext context)
        where TFunction : class =>
        context.Services.GetService<TFunction>() ?? ActivatorUtilities.CreateInstance<TFunction>(context.Services);

    // A handler that answers synchronously (most GET handlers) is finished without an async state
    // machine; a throw or a null response still comes back as a faulted task, as from an async method.
    private static Task RunHttp(Func<FunctionRequest, FunctionContext, Task<FunctionResponse>> handler, FunctionContext context)
    {
        Task<FunctionResponse> task;
        try
        {
            task = handler(context.Request!, context);
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }

        if (task is null || !task.IsCompletedSuccessfully)
        {
            return AwaitHttp(task!, context);
        }

        if (task.Result is not { } response)
        {
            return Task.FromException(NoResponse(context));
        }

        context.Response = response;
        context.HandlerTask = task;
        return Task.CompletedTask;
    }

    private static async Task AwaitHttp(Task<FunctionResponse> task, FunctionContext context) =>
        context.Response = await task.ConfigureAwait(false) ?? throw NoResponse(context);

    private static InvalidOperationException NoResponse(FunctionContext context) =>
        new($"Function '{context.FunctionName}' returned no response.");
}
