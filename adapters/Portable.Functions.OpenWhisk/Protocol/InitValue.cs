namespace Portable.Functions.OpenWhisk.Protocol;

/// <summary>
/// The action configuration sent once to <c>/init</c>: name, entry point, code (plain or base64) and the
/// environment to export (action parameters marked for init, and <c>__OW_*</c> values). The invoker
/// stringifies every <c>env</c> value (WhiskAction.containerInitializer).
/// </summary>
internal sealed class InitValue
{
    public string? Name { get; set; }

    public string? Main { get; set; }

    public string? Code { get; set; }

    public bool Binary { get; set; }

    public Dictionary<string, string?>? Env { get; set; }
}
