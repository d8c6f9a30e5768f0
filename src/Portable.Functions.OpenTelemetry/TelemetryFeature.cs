using System.Diagnostics.CodeAnalysis;

namespace Portable.Functions.OpenTelemetry;

/// <summary>
/// The same feature switch as the core's (<c>Portable.Functions.Telemetry.IsSupported</c>), declared here
/// too because the core's is internal: switched off, <c>UseOpenTelemetry()</c> returns before any
/// OpenTelemetry type is reached, and the trimmer (Native AOT) leaves the whole SDK out of the binary.
/// </summary>
internal static class TelemetryFeature
{
    /// <summary>The runtime option's name, shared with the core.</summary>
    internal const string SwitchName = "Portable.Functions.Telemetry.IsSupported";

    /// <summary>Whether telemetry is compiled in (default: yes).</summary>
    [FeatureSwitchDefinition(SwitchName)]
    internal static bool IsSupported { get; } = !AppContext.TryGetSwitch(SwitchName, out var supported) || supported;
}
