namespace Portable.Functions.Hosting;

/// <summary>What a platform host (adapter) calls on a <see cref="FunctionApp"/>.</summary>
public static class FunctionAppHosting
{
    /// <summary>
    /// Freezes the app and returns its invocation pipeline. The first call validates every registration
    /// (function names, ambiguous routes, duplicate event types, JSON metadata of typed and event
    /// functions, services of class-based functions and handler parameters, configuration values) and
    /// reports all problems at once; afterwards functions and middleware can no longer be added. Later
    /// calls return the same invoker. Hosts call it before they accept their first invocation.
    /// </summary>
    /// <param name="app">The app.</param>
    /// <returns>The invoker.</returns>
    /// <exception cref="InvalidOperationException">A registration is invalid; the message names each problem and its fix.</exception>
    public static FunctionInvoker Freeze(this FunctionApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.FreezeCore(servedFunction: null);
    }

    /// <summary>
    /// Freezes the app for a host that serves one function only (Lambda's <c>_HANDLER</c>, Cloud Run
    /// functions' <c>FUNCTION_TARGET</c>): the app-wide checks (names, routes, event types, configuration)
    /// run as in <see cref="Freeze(FunctionApp)"/>, the per-function ones (JSON metadata, services) only for
    /// the function named, since no other one can be invoked in this process. A name that matches no
    /// function (case-insensitive), or null, checks every function. The first freeze decides: a later
    /// call of either overload returns the same invoker without checking again.
    /// </summary>
    /// <param name="app">The app.</param>
    /// <param name="servedFunction">The name of the only function this process serves, or null.</param>
    /// <returns>The invoker.</returns>
    /// <exception cref="InvalidOperationException">A registration is invalid; the message names each problem and its fix.</exception>
    public static FunctionInvoker Freeze(this FunctionApp app, string? servedFunction)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.FreezeCore(servedFunction);
    }

    /// <summary>
    /// Registers a callback that runs when <see cref="FunctionAppBuilder.Build"/> is called, after the
    /// registrations the app's own code made on the builder and before the services become read-only:
    /// a test host uses it to replace a service or add a log provider in an app it builds with the app's
    /// own builder method. Callbacks run in the order they were added.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">The builder was already built.</exception>
    public static FunctionAppBuilder BeforeBuild(this FunctionAppBuilder builder, Action<FunctionAppBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddBeforeBuild(configure);
        return builder;
    }

    /// <summary>
    /// Runs the app's before-snapshot hooks (<see cref="FunctionLifecycle.OnBeforeSnapshot"/>), last
    /// registered first. A host calls it only when its platform is about to snapshot the process.
    /// </summary>
    /// <param name="app">The app.</param>
    /// <param name="cancellationToken">Passed to each hook.</param>
    /// <returns>A task that completes when every hook has run.</returns>
    /// <exception cref="Exception">The first hook that fails: its exception, unchanged; later hooks do not run.</exception>
    public static Task RunBeforeSnapshotHooksAsync(this FunctionApp app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Lifecycle.RunBeforeSnapshotAsync(cancellationToken);
    }

    /// <summary>
    /// Runs the app's after-restore hooks (<see cref="FunctionLifecycle.OnAfterRestore"/>) in registration
    /// order. A host calls it only in a process restored from a snapshot, before the first invocation.
    /// </summary>
    /// <param name="app">The app.</param>
    /// <param name="cancellationToken">Passed to each hook.</param>
    /// <returns>A task that completes when every hook has run.</returns>
    /// <exception cref="Exception">The first hook that fails: its exception, unchanged; later hooks do not run.</exception>
    public static Task RunAfterRestoreHooksAsync(this FunctionApp app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Lifecycle.RunAfterRestoreAsync(cancellationToken);
    }
}
