namespace Portable.Benchmarks.ColdStart;

/// <summary>Names and publish arguments of the build modes.</summary>
internal static class BuildModes
{
    /// <summary>The .NET modes, in report order.</summary>
    public static readonly BuildMode[] DotNet = [BuildMode.Jit, BuildMode.ReadyToRun, BuildMode.NativeAot];

    public static string Label(this BuildMode mode) => mode switch
    {
        BuildMode.Jit => "JIT",
        BuildMode.ReadyToRun => "R2R",
        BuildMode.NativeAot => "AOT",
        _ => "node",
    };

    public static BuildMode Parse(string text) => text.ToUpperInvariant() switch
    {
        "JIT" => BuildMode.Jit,
        "R2R" or "READYTORUN" => BuildMode.ReadyToRun,
        "AOT" or "NATIVEAOT" => BuildMode.NativeAot,
        "NODE" => BuildMode.Node,
        _ => throw new ArgumentException($"Unknown build mode '{text}' (use jit, r2r, aot)."),
    };

    /// <summary><c>dotnet publish</c> arguments for a mode (after the project and output folder).</summary>
    public static string[] PublishArguments(this BuildMode mode) => mode switch
    {
        BuildMode.Jit => [],
        // Framework-dependent R2R, as on Lambda's managed runtime and in framework-dependent images:
        // the shared framework is already R2R, so only the app's own assemblies change.
        BuildMode.ReadyToRun => ["-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true"],
        BuildMode.NativeAot => ["-r", "linux-x64", "-p:PublishAot=true"],
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Only .NET modes are published."),
    };
}
