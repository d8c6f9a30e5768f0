using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace Portable.Functions.Tests;

/// <summary>
/// The SDK's assemblies carry ReadyToRun code for linux-x64 (src/ReadyToRunLibrary.targets), so an app
/// published without ReadyToRun still starts the SDK precompiled. Checked on the assembly these tests load.
/// </summary>
public sealed class ReadyToRunImageTests
{
    [SkippableFact]
    public void CoreAssembly_BuiltInReleaseOnLinuxX64_CarriesReadyToRunCode_AndItsIl()
    {
#if DEBUG
        Skip.If(true, "Debug builds are not ReadyToRun-compiled (only Release builds are).");
#endif
        Skip.IfNot(
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64,
            $"ReadyToRun code is compiled on linux-x64 build machines only; this is {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}.");

        using var stream = File.OpenRead(typeof(FunctionApp).Assembly.Location);
        using var reader = new PEReader(stream);
        var cor = reader.PEHeaders.CorHeader!;

        // The managed native header is the ReadyToRun header; the IL stays for other platforms.
        Assert.True(cor.ManagedNativeHeaderDirectory.Size > 0, "Portable.Functions.dll has no ReadyToRun header.");
        Assert.True(reader.HasMetadata);
        Assert.True(cor.Flags.HasFlag(CorFlags.ILLibrary), "Portable.Functions.dll is not marked as a ReadyToRun IL library.");
    }
}
