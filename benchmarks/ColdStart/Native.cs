using System.Runtime.InteropServices;

namespace Portable.Benchmarks.ColdStart;

/// <summary>The libc calls .NET does not expose: SIGTERM (Process.Kill sends SIGKILL), a sub-ms sleep and a blocking flock.</summary>
internal static partial class Native
{
    private const int SigTerm = 15;
    private const int LockEx = 2;
    private const int LockNb = 4;
    private const int EWouldBlock = 11;
    private const int EIntr = 4;

    /// <summary>Sends SIGTERM, the signal every platform sends before it stops an instance.</summary>
    public static void Terminate(int pid)
    {
        if (Kill(pid, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>
    /// Sleeps for a number of microseconds. Thread.Sleep rounds to whole milliseconds, which would
    /// quantise every time-to-first-response; spinning instead would steal a core from the subject.
    /// </summary>
    public static void SleepMicroseconds(uint microseconds) => _ = USleep(microseconds);

    /// <summary>Tries <c>flock(fd, LOCK_EX | LOCK_NB)</c>; false when another process holds the lock.</summary>
    public static bool TryLockExclusive(int descriptor, bool wait)
    {
        if (Flock(descriptor, wait ? LockEx : LockEx | LockNb) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno is EWouldBlock or EIntr ? false : throw new IOException($"flock failed: errno {errno}.");
    }

    /// <summary>Blocks in <c>flock(fd, LOCK_EX)</c> until the lock is ours.</summary>
    public static void LockExclusive(int descriptor)
    {
        while (!TryLockExclusive(descriptor, wait: true))
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int descriptor, int operation);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);
}
