using System.Globalization;

namespace Portable.Functions.Aws;

/// <summary>
/// Caps the GC heap to the function's memory size. A Lambda sandbox has no cgroup limit the runtime
/// can see, so without this the GC sizes itself for the host machine and the function is killed for
/// exceeding its memory instead of collecting (AWS's own .NET runtime does the same).
/// </summary>
internal static class MemoryLimit
{
    /// <summary>Applies <c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c> (MB); returns the limit in bytes, or null when unset.</summary>
    /// <exception cref="InvalidOperationException">The value is not a positive whole number of megabytes.</exception>
    public static ulong? Apply(string? memorySizeMb)
    {
        if (string.IsNullOrWhiteSpace(memorySizeMb))
        {
            return null;
        }

        if (!ulong.TryParse(memorySizeMb, NumberStyles.None, CultureInfo.InvariantCulture, out var mb) || mb == 0 || mb > 1024 * 1024)
        {
            throw new InvalidOperationException($"AWS_LAMBDA_FUNCTION_MEMORY_SIZE='{memorySizeMb}' is not a positive number of megabytes.");
        }

        var bytes = mb * 1024 * 1024;
        AppContext.SetData("GCHeapHardLimit", bytes);
        GC.RefreshMemoryLimit();
        return bytes;
    }
}
