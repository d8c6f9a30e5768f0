using System.Text.Json;

namespace Portable.Functions.OpenWhisk;

/// <summary>
/// One <c>/run</c> activation as OpenWhisk sent it: the handler's escape hatch
/// (<c>context.GetNative&lt;OpenWhiskActivation&gt;()</c>).
/// </summary>
public sealed class OpenWhiskActivation
{
    internal OpenWhiskActivation(JsonElement value, string? activationId, string? actionName, string? @namespace,
        string? transactionId, string? actionVersion, string? apiKey, DateTimeOffset? deadline, bool isWebAction)
    {
        Value = value;
        ActivationId = activationId;
        ActionName = actionName;
        Namespace = @namespace;
        TransactionId = transactionId;
        ActionVersion = actionVersion;
        ApiKey = apiKey;
        Deadline = deadline;
        IsWebAction = isWebAction;
    }

    /// <summary>The parameters (<c>value</c>), including <c>__ow_*</c> for web actions.</summary>
    public JsonElement Value { get; }

    /// <summary>The activation id, or <see langword="null"/> when the invoker sent none.</summary>
    public string? ActivationId { get; }

    /// <summary>The fully qualified action name (e.g. <c>/guest/orders</c>), if sent.</summary>
    public string? ActionName { get; }

    /// <summary>The activation's namespace, if sent.</summary>
    public string? Namespace { get; }

    /// <summary>The transaction id, if sent.</summary>
    public string? TransactionId { get; }

    /// <summary>The action's version, if sent.</summary>
    public string? ActionVersion { get; }

    /// <summary>The API key of the invoking subject; absent unless the action is annotated to receive it.</summary>
    public string? ApiKey { get; }

    /// <summary>The activation's deadline, if sent.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>True when the parameters carry <c>__ow_method</c> (a web action invocation).</summary>
    public bool IsWebAction { get; }
}
