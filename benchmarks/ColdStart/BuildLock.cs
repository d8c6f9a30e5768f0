namespace Portable.Benchmarks.ColdStart;

/// <summary>
/// The machine-wide build lock (<c>flock /tmp/portable-build.lock</c>). Publishing takes it so builds
/// queue behind each other; the timed loop takes it too, so no build competes with a measurement.
/// </summary>
/// <remarks>
/// A blocking <c>flock(LOCK_EX)</c>, the call the <c>flock</c> command makes, so the harness queues with
/// other builds on equal terms. (FileShare.None would only try a non-blocking lock, which starves when
/// other builds wait in the kernel's queue.)
/// </remarks>
internal sealed class BuildLock : IDisposable
{
    private readonly FileStream _file;

    private BuildLock(FileStream file)
    {
        _file = file;
    }

    /// <summary>Waits for the lock (saying so when it is taken) and holds it until disposed.</summary>
    /// <exception cref="IOException">The lock file cannot be opened or locked.</exception>
    public static BuildLock Acquire(string path, string purpose)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            var descriptor = (int)file.SafeFileHandle.DangerousGetHandle();
            if (!Native.TryLockExclusive(descriptor, wait: false))
            {
                Console.WriteLine($"  waiting for {path} ({purpose}): another build holds it");
                Native.LockExclusive(descriptor);
            }

            return new BuildLock(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Closing the descriptor releases the lock.</summary>
    public void Dispose() => _file.Dispose();
}
