using System.Diagnostics.CodeAnalysis;

namespace Portable.Functions;

/// <summary>
/// The SDK's telemetry feature switch, <c>Portable.Functions.Telemetry.IsSupported</c> (on unless an app
/// sets it off, e.g. with <c>&lt;PortableTelemetry&gt;false&lt;/PortableTelemetry&gt;</c>, which the
/// package's build props turn into a trimmable runtime option).
/// </summary>
/// <remarks>
/// Switched off, the invoker starts no span and records no metric, and the trimmer (Native AOT, trimmed
/// publishes) replaces this property by <see langword="false"/> and removes what only the telemetry paths
/// reach: the <c>ActivitySource</c>, the <c>Meter</c> and its instruments. Under JIT and ReadyToRun the
/// switch is read once from <c>runtimeconfig.json</c>, and the same paths are never run, so their types
/// are never loaded. The OpenTelemetry package declares the same switch, so one setting removes both.
/// </remarks>
internal static class TelemetryFeature
{
    /// <summary>The runtime option's name.</summary>
    internal const string SwitchName = "Portable.Functions.Telemetry.IsSupported";

    /// <summary>Whether the SDK's spans and metrics are compiled in and produced (default: yes).</summary>
    [FeatureSwitchDefinition(SwitchName)]
    internal static bool IsSupported { get; } = !AppContext.TryGetSwitch(SwitchName, out var supported) || supported;
}
