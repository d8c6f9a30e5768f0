namespace Portable.Functions.OpenWhisk;

/// <summary>
/// Keys of <c>context.Platform.Properties</c> on OpenWhisk: the activation context as the protocol names it
/// for actions (<c>__OW_</c> + the upper-cased <c>/run</c> field). Absent values are left out. The API key
/// is not among them (a credential); read it from <see cref="OpenWhiskActivation.ApiKey"/>.
/// </summary>
public static class OpenWhiskPlatformProperties
{
    /// <summary>The API host, from the container's environment (set by the invoker at container start).</summary>
    public const string ApiHost = "__OW_API_HOST";

    /// <summary>The namespace of the activation (<c>namespace</c>).</summary>
    public const string Namespace = "__OW_NAMESPACE";

    /// <summary>The fully qualified action name, e.g. <c>/guest/orders</c> (<c>action_name</c>).</summary>
    public const string ActionName = "__OW_ACTION_NAME";

    /// <summary>The action's version (<c>action_version</c>).</summary>
    public const string ActionVersion = "__OW_ACTION_VERSION";

    /// <summary>The activation id (<c>activation_id</c>), also the invocation id.</summary>
    public const string ActivationId = "__OW_ACTIVATION_ID";

    /// <summary>The id of the request this activation belongs to (<c>transaction_id</c>).</summary>
    public const string TransactionId = "__OW_TRANSACTION_ID";

    /// <summary>The deadline in epoch milliseconds (<c>deadline</c>).</summary>
    public const string Deadline = "__OW_DEADLINE";
}
