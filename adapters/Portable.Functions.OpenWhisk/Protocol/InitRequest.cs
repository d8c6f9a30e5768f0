namespace Portable.Functions.OpenWhisk.Protocol;

/// <summary>The body of <c>POST /init</c>: <c>{"value": {...}}</c> (docs/actions-new.md, Initialization).</summary>
internal sealed class InitRequest
{
    /// <summary>The action's configuration; absent is read as an empty object, as the reference proxy does.</summary>
    public InitValue? Value { get; set; }
}
