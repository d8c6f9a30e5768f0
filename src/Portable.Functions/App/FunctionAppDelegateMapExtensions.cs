namespace Portable.Functions;

/// <summary>
/// Map* overloads for handlers that declare what they need as parameters, the way minimal APIs do:
/// <c>app.MapPost("/quotes", (QuoteRequest request, IPriceService prices, CancellationToken cancellationToken) => ...)</c>.
/// The Portable.Functions source generator replaces each call at compile time with a strongly typed
/// registration (C# interceptors), so there is no reflection at start-up or per invocation and Native
/// AOT stays clean.
/// </summary>
/// <remarks>
/// <para>Parameter rules. The first parameter is the input: <see cref="FunctionRequest"/> makes a raw
/// HTTP function; any other type is a typed JSON body (<c>MapPost</c> only: 400/413/415 as for
/// <c>MapPost&lt;TIn, TOut&gt;</c>); for <c>MapEvent</c> it is <see cref="CloudEvent{TData}"/> (typed
/// data) or <see cref="CloudEvent"/> (raw). Every later parameter is a <see cref="FunctionContext"/> (the
/// invocation's context), a <see cref="CancellationToken"/> (<see cref="FunctionContext.CancellationToken"/>),
/// or a service from the invocation's scope (<see cref="FunctionContext.Services"/>): required unless the
/// parameter is nullable or defaults to <see langword="null"/>, in which case it is <see langword="null"/>
/// when not registered. A missing required service fails that invocation (500) with an
/// <see cref="InvalidOperationException"/> naming the type and parameter.</para>
/// <para>Return types. HTTP: <see cref="FunctionResponse"/> directly or as <see cref="Task{TResult}"/> or
/// <see cref="ValueTask{TResult}"/>. Typed JSON: the result <c>T</c>, <c>Task&lt;T&gt;</c> or
/// <c>ValueTask&lt;T&gt;</c>. Events: <see langword="void"/>, <see cref="Task"/>, <see cref="ValueTask"/>,
/// or a reply <see cref="CloudEvent"/> (directly, as <c>Task&lt;CloudEvent?&gt;</c> or <c>ValueTask&lt;CloudEvent?&gt;</c>).</para>
/// <para>Any other shape is a compile error (PF0001–PF0006) that names the fix. A lambda that fits the
/// existing <c>(input, context)</c> overloads still binds to them: C# prefers a specific delegate type
/// over <see cref="Delegate"/>.</para>
/// <para>Failure mode: when the generator did not run for a call (the project does not use the
/// Portable.Functions package's analyzer, or builds with a compiler older than the .NET 9.0.300 SDK), the
/// call throws <see cref="InvalidOperationException"/> when the function is mapped, at start-up. It never
/// falls back to reflection.</para>
/// </remarks>
public static class FunctionAppDelegateMapExtensions
{
    /// <summary>Maps a handler with declared parameters to <c>GET</c> (and <c>HEAD</c>); its first parameter is the <see cref="FunctionRequest"/>.</summary>
    /// <param name="app">The app.</param>
    /// <param name="route">Route template: literals, <c>{name}</c>, final <c>{*rest}</c>.</param>
    /// <param name="handler">A lambda with typed parameters or a method group (see the class remarks).</param>
    /// <returns>The descriptor, for <c>WithName</c>/<c>WithMetadata</c>.</returns>
    /// <exception cref="InvalidOperationException">The source generator did not replace this call.</exception>
    public static FunctionDescriptor MapGet(this FunctionApp app, string route, Delegate handler) =>
        throw NotGenerated(app, handler, nameof(MapGet));

    /// <summary>
    /// Maps a handler with declared parameters to <c>POST</c>: a raw HTTP function when its first
    /// parameter is <see cref="FunctionRequest"/>, else a typed JSON function whose body is that parameter.
    /// </summary>
    /// <param name="app">The app.</param>
    /// <param name="route">Route template.</param>
    /// <param name="handler">A lambda with typed parameters or a method group (see the class remarks).</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="InvalidOperationException">The source generator did not replace this call.</exception>
    public static FunctionDescriptor MapPost(this FunctionApp app, string route, Delegate handler) =>
        throw NotGenerated(app, handler, nameof(MapPost));

    /// <summary>Maps a handler with declared parameters to a route for the given methods; its first parameter is the <see cref="FunctionRequest"/>.</summary>
    /// <param name="app">The app.</param>
    /// <param name="route">Route template.</param>
    /// <param name="handler">A lambda with typed parameters or a method group (see the class remarks).</param>
    /// <param name="methods">Accepted methods (e.g. <c>PUT</c>, <c>DELETE</c>); empty for any.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="InvalidOperationException">The source generator did not replace this call.</exception>
    public static FunctionDescriptor MapHttp(this FunctionApp app, string route, Delegate handler, params string[] methods) =>
        throw NotGenerated(app, handler, nameof(MapHttp));

    /// <summary>
    /// Maps a CloudEvent handler with declared parameters; its first parameter is
    /// <see cref="CloudEvent{TData}"/> (typed data) or <see cref="CloudEvent"/> (the raw event).
    /// Throw <see cref="DropEventException"/> to drop an event; other exceptions retry.
    /// </summary>
    /// <param name="app">The app.</param>
    /// <param name="eventType">The CloudEvent <c>type</c> handled.</param>
    /// <param name="handler">A lambda with typed parameters or a method group (see the class remarks).</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="InvalidOperationException">The source generator did not replace this call.</exception>
    public static FunctionDescriptor MapEvent(this FunctionApp app, string eventType, Delegate handler) =>
        throw NotGenerated(app, handler, nameof(MapEvent));

    private static InvalidOperationException NotGenerated(FunctionApp app, Delegate handler, string method)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(handler);
        return new InvalidOperationException(
            $"{method} with a handler of type {handler.GetType().Name} was not replaced by the Portable.Functions source generator, " +
            "so its parameters cannot be supplied (there is no reflection fallback). Reference the Portable.Functions package " +
            "(it carries the generator and sets InterceptorsNamespaces), or with a project reference add the generator as " +
            "<ProjectReference Include=\".../Portable.Functions.Generators.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" /> " +
            "and <InterceptorsNamespaces>$(InterceptorsNamespaces);Portable.Functions.Generated</InterceptorsNamespaces>; " +
            "a .NET 9.0.300 SDK or newer is required. Or use the (input, context) overloads.");
    }
}
