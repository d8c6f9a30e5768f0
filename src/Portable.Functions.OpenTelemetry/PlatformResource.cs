using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Portable.Functions.OpenTelemetry;

/// <summary>
/// The resource attributes each platform's environment tells, following the resource conventions
/// (https://opentelemetry.io/docs/specs/semconv/resource/faas/ and /resource/cloud/):
/// <c>cloud.provider</c>, <c>cloud.platform</c>, <c>cloud.region</c>, <c>cloud.account.id</c>,
/// <c>faas.name</c>, <c>faas.version</c>, <c>faas.instance</c>, <c>faas.max_memory</c> (bytes since semconv
/// 1.20; it was MiB before, the current unit is used), and <c>service.name</c>.
/// </summary>
/// <remarks>
/// Only what the environment says is used: no metadata-server calls at cold start. So Cloud Run
/// functions and Knative give no region, and Lambda gives no account id (it is only in the invoked ARN,
/// which the span carries as <c>cloud.resource_id</c> when the adapter passes it).
/// </remarks>
internal static class PlatformResource
{
    /// <summary>The attributes and the service name detected from <paramref name="configuration"/>.</summary>
    public static (List<KeyValuePair<string, object>> Attributes, string ServiceName) Detect(IConfiguration configuration)
    {
        var attributes = new List<KeyValuePair<string, object>>();
        string? service;
        if (Get(configuration, "AWS_LAMBDA_FUNCTION_NAME") is { } lambda)
        {
            // https://opentelemetry.io/docs/specs/semconv/faas/aws-lambda/ (resource detector attributes).
            Add(attributes, "cloud.provider", "aws");
            Add(attributes, "cloud.platform", "aws_lambda");
            Add(attributes, "cloud.region", Get(configuration, "AWS_REGION"));
            Add(attributes, "faas.name", lambda);
            Add(attributes, "faas.version", Get(configuration, "AWS_LAMBDA_FUNCTION_VERSION"));
            Add(attributes, "faas.instance", Get(configuration, "AWS_LAMBDA_LOG_STREAM_NAME"));
            AddMemory(attributes, Get(configuration, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
            if (Get(configuration, "AWS_LAMBDA_LOG_GROUP_NAME") is { } group)
            {
                attributes.Add(new("aws.log.group.names", new[] { group }));
            }

            service = lambda;
        }
        else if (Get(configuration, "WEBSITE_SITE_NAME") is { } site)
        {
            // Azure Functions (custom handler or isolated worker): App Service's variables.
            Add(attributes, "cloud.provider", "azure");
            Add(attributes, "cloud.platform", "azure_functions");
            Add(attributes, "cloud.region", Get(configuration, "REGION_NAME"));

            // WEBSITE_OWNER_NAME is "<subscription id>+<resource group>-<region>webspace".
            if (Get(configuration, "WEBSITE_OWNER_NAME") is { } owner && owner.IndexOf('+') is > 0 and var plus)
            {
                Add(attributes, "cloud.account.id", owner[..plus]);
            }

            Add(attributes, "faas.name", site);
            Add(attributes, "faas.instance", Get(configuration, "WEBSITE_INSTANCE_ID"));
            if (Get(configuration, "WEBSITE_MEMORY_LIMIT_MB") is { } memory)
            {
                AddMemory(attributes, memory);
            }

            service = site;
        }
        else if (Get(configuration, "K_SERVICE") is { } kService)
        {
            // Cloud Run functions (FUNCTION_TARGET set) or any Knative service (Cloud Run included).
            var gcf = Get(configuration, "FUNCTION_TARGET") is not null;
            if (gcf)
            {
                Add(attributes, "cloud.provider", "gcp");
                Add(attributes, "cloud.platform", "gcp_cloud_functions");
            }

            Add(attributes, "cloud.account.id", Get(configuration, "GOOGLE_CLOUD_PROJECT") ?? Get(configuration, "GCP_PROJECT"));
            Add(attributes, "faas.name", kService);
            Add(attributes, "faas.version", Get(configuration, "K_REVISION"));
            service = kService;
        }
        else
        {
            service = Get(configuration, "FUNCTION_TARGET")
                ?? System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name
                ?? "unknown_service";
        }

        return (attributes, service);
    }

    /// <summary>Parses <c>OTEL_RESOURCE_ATTRIBUTES</c> (<c>key=value,...</c>, values percent-encoded); malformed pairs are skipped as the specification says.</summary>
    public static List<KeyValuePair<string, object>> ParseResourceAttributes(string? value)
    {
        var attributes = new List<KeyValuePair<string, object>>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return attributes;
        }

        foreach (var pair in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var key = pair[..eq].Trim();
            var text = Uri.UnescapeDataString(pair[(eq + 1)..].Trim());
            if (key.Length > 0)
            {
                attributes.Add(new(key, text));
            }
        }

        return attributes;
    }

    private static void AddMemory(List<KeyValuePair<string, object>> attributes, string? megabytes)
    {
        if (long.TryParse(megabytes, NumberStyles.None, CultureInfo.InvariantCulture, out var mb) && mb > 0)
        {
            attributes.Add(new("faas.max_memory", mb * 1024 * 1024));
        }
    }

    private static void Add(List<KeyValuePair<string, object>> attributes, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            attributes.Add(new(key, value));
        }
    }

    private static string? Get(IConfiguration configuration, string name) =>
        configuration[name] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
