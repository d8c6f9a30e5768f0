using System.Net;

namespace Portable.Functions.OpenWhisk;

/// <summary>Settings of the OpenWhisk action runtime host (<c>builder.UseOpenWhisk(o => ...)</c>).</summary>
public sealed class OpenWhiskOptions
{
    /// <summary>
    /// Serve the action protocol whatever the environment. When <see langword="null"/> (the default) the host
    /// is active only when <c>__OW_API_HOST</c> is set: the invoker sets it when it creates an action
    /// container (Docker and Kubernetes container factories), whereas the other <c>__OW_*</c> values
    /// arrive per activation.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>The TCP port; <see langword="null"/> means <c>PORT</c> if set, else 8080 (the port the protocol fixes).</summary>
    public int? Port { get; set; }

    /// <summary>The address to listen on; <see langword="null"/> means every interface (the invoker connects to the container's IP).</summary>
    public IPAddress? BindAddress { get; set; }

    /// <summary>
    /// The function that non-web activations invoke (and web activations, when it is an HTTP or typed
    /// function). When <see langword="null"/>: the <c>main</c> entry point sent to <c>/init</c> if it names a
    /// registered function, else the action's name (<c>name</c> in <c>/init</c>, the last segment of the
    /// qualified name) if it does; else web activations are routed by <c>__ow_path</c> and CloudEvents by type.
    /// A name that is not registered fails start-up.
    /// </summary>
    public string? Function { get; set; }

    /// <summary>
    /// Write <c>XXX_THE_END_OF_A_WHISK_ACTIVATION_XXX</c> to stdout and stderr after each activation (and
    /// after a failed <c>/init</c>), as the protocol requires of Docker/native actions so the invoker can cut
    /// the activation's logs. Default <see langword="true"/>; turn it off only when logs are collected another way.
    /// </summary>
    public bool WriteLogMarkers { get; set; } = true;
}
