namespace Portable.Functions.Azure;

/// <summary>
/// Keys of the <see cref="FunctionDescriptor.Metadata"/> entries the Azure adapters read. Set them with
/// the typed helpers in <see cref="AzureFunctionDescriptorExtensions"/> rather than by hand.
/// </summary>
public static class AzureMetadataKeys
{
    /// <summary>The trigger binding type, e.g. <c>queueTrigger</c>. Absent: an HTTP trigger.</summary>
    public const string Trigger = "azure:trigger";

    /// <summary>Prefix of the trigger binding's properties: <c>azure:trigger.queueName</c>.</summary>
    public const string TriggerPropertyPrefix = "azure:trigger.";

    /// <summary>The HTTP trigger's <c>authLevel</c> (<c>anonymous</c>, <c>function</c>, <c>admin</c>).</summary>
    public const string AuthLevel = "azure:authLevel";

    /// <summary>The <c>$return</c> output binding type, e.g. <c>queue</c>, that receives replies.</summary>
    public const string Output = "azure:output";

    /// <summary>Prefix of the output binding's properties: <c>azure:output.queueName</c>.</summary>
    public const string OutputPropertyPrefix = "azure:output.";
}
