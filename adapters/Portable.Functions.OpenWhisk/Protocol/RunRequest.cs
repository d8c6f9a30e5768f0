using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portable.Functions.OpenWhisk.Protocol;

/// <summary>
/// The body of <c>POST /run</c> (docs/actions-new.md, Activation): the parameters in <c>value</c> and the
/// activation context beside it. The invoker sends <c>deadline</c> as a string of epoch milliseconds
/// (ContainerProxy computes it and calls <c>toString</c>); the document calls it a number, so both are read.
/// </summary>
internal sealed class RunRequest
{
    public JsonElement Value { get; set; }

    public string? Namespace { get; set; }

    [JsonPropertyName("action_name")]
    public string? ActionName { get; set; }

    [JsonPropertyName("action_version")]
    public string? ActionVersion { get; set; }

    [JsonPropertyName("activation_id")]
    public string? ActivationId { get; set; }

    [JsonPropertyName("transaction_id")]
    public string? TransactionId { get; set; }

    [JsonPropertyName("api_key")]
    public string? ApiKey { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? Deadline { get; set; }
}
