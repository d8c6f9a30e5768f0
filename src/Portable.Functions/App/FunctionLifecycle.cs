namespace Portable.Functions;

/// <summary>
/// Hooks around a platform's snapshot of an initialised instance (AWS Lambda SnapStart): code to run
/// before the snapshot is taken and after an instance is restored from it. Register them on
/// <see cref="FunctionAppBuilder.Lifecycle"/> (or <see cref="FunctionApp.Lifecycle"/> before
/// <see cref="FunctionApp.RunAsync"/>).
/// </summary>
/// <remarks>
/// Only a host whose platform snapshots the process runs the hooks (the AWS host, when Lambda starts the
/// function with <c>AWS_LAMBDA_INITIALIZATION_TYPE=snap-start</c>); every other host and platform never
/// calls them, and an app without hooks allocates nothing for them. Order follows AWS's .NET runtime:
/// before-snapshot hooks run in the reverse order of registration, after-restore hooks in the order of
/// registration, one at a time. A hook that throws stops the sequence and fails the start: before the
/// snapshot the platform is told the initialisation failed, after a restore that the restore failed.
/// Everything created during initialisation is shared by every instance restored from the same
/// snapshot: an after-restore hook is where to regenerate ids, seeds, credentials and connections.
/// </remarks>
public sealed class FunctionLifecycle
{
    private readonly Lock _gate = new();
    private List<Func<CancellationToken, Task>>? _beforeSnapshot;
    private List<Func<CancellationToken, Task>>? _afterRestore;

    internal FunctionLifecycle()
    {
    }

    /// <summary>True when at least one hook of either kind is registered.</summary>
    public bool HasHooks
    {
        get
        {
            lock (_gate)
            {
                return _beforeSnapshot is { Count: > 0 } || _afterRestore is { Count: > 0 };
            }
        }
    }

    /// <summary>
    /// Registers code to run once, after initialisation and just before the platform snapshots the
    /// process (close connections, flush caches, warm up code paths). Runs in the reverse order of
    /// registration.
    /// </summary>
    /// <param name="hook">The hook; its token fires when the host stops.</param>
    /// <returns>This object, to chain registrations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    public FunctionLifecycle OnBeforeSnapshot(Func<CancellationToken, Task> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        lock (_gate)
        {
            (_beforeSnapshot ??= []).Add(hook);
        }

        return this;
    }

    /// <summary>
    /// Registers code to run in every instance restored from a snapshot, before its first invocation
    /// (reseed random generators, make new unique ids, refresh credentials, reopen connections). Runs in
    /// the order of registration.
    /// </summary>
    /// <param name="hook">The hook; its token fires when the host stops.</param>
    /// <returns>This object, to chain registrations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    public FunctionLifecycle OnAfterRestore(Func<CancellationToken, Task> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        lock (_gate)
        {
            (_afterRestore ??= []).Add(hook);
        }

        return this;
    }

    /// <summary>Runs the before-snapshot hooks, last registered first; the first failure propagates.</summary>
    internal async Task RunBeforeSnapshotAsync(CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task>[] hooks;
        lock (_gate)
        {
            hooks = _beforeSnapshot is null ? [] : [.. _beforeSnapshot];
        }

        for (var i = hooks.Length - 1; i >= 0; i--)
        {
            await hooks[i](cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the after-restore hooks in registration order; the first failure propagates.</summary>
    internal async Task RunAfterRestoreAsync(CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task>[] hooks;
        lock (_gate)
        {
            hooks = _afterRestore is null ? [] : [.. _afterRestore];
        }

        foreach (var hook in hooks)
        {
            await hook(cancellationToken).ConfigureAwait(false);
        }
    }
}
