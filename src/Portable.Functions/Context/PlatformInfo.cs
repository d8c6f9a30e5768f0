namespace Portable.Functions;

/// <summary>Which platform runs the invocation, and what it says about itself.</summary>
public sealed class PlatformInfo
{
    private static readonly IReadOnlyDictionary<string, string> s_none = new Dictionary<string, string>(0, StringComparer.Ordinal);

    /// <summary>Creates platform information.</summary>
    /// <param name="name">Platform name, e.g. <c>knative</c>, <c>local</c>, <c>aws-lambda</c>, <c>gcp</c>, <c>azure</c>.</param>
    /// <param name="properties">Platform metadata, e.g. <c>K_SERVICE</c>, <c>K_REVISION</c>, <c>K_CONFIGURATION</c>.</param>
    public PlatformInfo(string name, IReadOnlyDictionary<string, string>? properties = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Properties = properties ?? s_none;
    }

    /// <summary>
    /// The property an adapter sets to the platform's native id of the function (an ARN on AWS, a full
    /// resource name on Google Cloud, a resource id on Azure): the invocation span's <c>cloud.resource_id</c>.
    /// </summary>
    public const string ResourceIdProperty = "cloud.resource_id";

    /// <summary>
    /// The property an adapter sets when the platform names the account per invocation (AWS: the account
    /// field of the invoked function's ARN): the invocation span's <c>cloud.account.id</c>.
    /// </summary>
    public const string AccountIdProperty = "cloud.account.id";

    /// <summary>The local development server's platform (nothing from a cloud in the environment).</summary>
    public static PlatformInfo Local { get; } = new("local");

    /// <summary>Platform name.</summary>
    public string Name { get; }

    /// <summary>Read-only platform metadata by name.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>A metadata value, or <see langword="null"/>.</summary>
    /// <param name="name">Property name.</param>
    /// <returns>The value.</returns>
    public string? Get(string name) => Properties.TryGetValue(name, out var value) ? value : null;
}
