using System.Text.Json.Nodes;

namespace Portable.Functions.Deploy.Tests;

/// <summary>
/// Required arguments and block structure of every resource the generated Terraform uses, written from
/// the provider documentation (the page of each is cited). <see cref="Check"/> fails on a missing
/// required argument, a missing required block, an argument written where the provider wants a block
/// (or the reverse), and any name the table does not list (a typo, or a resource nobody checked).
/// </summary>
internal static class TerraformRules
{
    /// <summary>A block: its required and optional arguments and its nested blocks (name → rule, required?).</summary>
    internal sealed record Rule(string[] Required, string[] Optional, Dictionary<string, (Rule Rule, bool Required)>? Blocks = null)
    {
        public Dictionary<string, (Rule Rule, bool Required)> Nested => Blocks ?? [];
    }

    private static readonly Rule Empty = new([], []);

    private static (Rule, bool) Block(Rule rule, bool required = false) => (rule, required);

    public static readonly Dictionary<string, Rule> Resources = new(StringComparer.Ordinal)
    {
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role
        ["aws_iam_role"] = new(["assume_role_policy"], ["name"]),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role_policy_attachment
        ["aws_iam_role_policy_attachment"] = new(["role", "policy_arn"], []),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role_policy
        ["aws_iam_role_policy"] = new(["policy", "role"], ["name"]),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function
        // (function_name and role required; logging_config needs log_format; dead_letter_config needs target_arn)
        ["aws_lambda_function"] = new(["function_name", "role"], ["runtime", "handler", "filename", "source_code_hash", "architectures", "memory_size", "timeout"], new()
        {
            ["logging_config"] = Block(new(["log_format"], ["application_log_level", "system_log_level", "log_group"])),
            ["dead_letter_config"] = Block(new(["target_arn"], [])),
        }),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_api
        ["aws_apigatewayv2_api"] = new(["name", "protocol_type"], []),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_integration
        ["aws_apigatewayv2_integration"] = new(["api_id", "integration_type"], ["integration_uri", "payload_format_version"]),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_route
        ["aws_apigatewayv2_route"] = new(["api_id", "route_key"], ["target"]),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_stage
        ["aws_apigatewayv2_stage"] = new(["api_id", "name"], ["auto_deploy"]),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_permission
        ["aws_lambda_permission"] = new(["action", "function_name", "principal"], ["statement_id", "source_arn"]),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_event_source_mapping
        // (function_name required; destination_config.on_failure needs destination_arn)
        ["aws_lambda_event_source_mapping"] = new(["function_name"], ["event_source_arn", "batch_size", "function_response_types", "starting_position", "bisect_batch_on_function_error", "maximum_retry_attempts", "topics"], new()
        {
            ["destination_config"] = Block(new([], [], new() { ["on_failure"] = Block(new(["destination_arn"], []), required: true) })),
            ["self_managed_event_source"] = Block(new(["endpoints"], [])),
            ["source_access_configuration"] = Block(new(["type", "uri"], [])),
        }),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sqs_queue (no required arguments)
        ["aws_sqs_queue"] = new([], ["name", "visibility_timeout_seconds", "redrive_policy"]),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic (no required arguments)
        ["aws_sns_topic"] = new([], ["name"]),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic_subscription
        ["aws_sns_topic_subscription"] = new(["endpoint", "protocol", "topic_arn"], []),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_event_rule
        ["aws_cloudwatch_event_rule"] = new([], ["name", "event_pattern"]),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_event_target
        ["aws_cloudwatch_event_target"] = new(["arn", "rule"], [], new()
        {
            ["retry_policy"] = Block(new([], ["maximum_retry_attempts", "maximum_event_age_in_seconds"])),
            ["dead_letter_config"] = Block(new([], ["arn"])),
        }),
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kinesis_stream
        ["aws_kinesis_stream"] = new(["name"], ["shard_count"], new() { ["stream_mode_details"] = Block(new(["stream_mode"], [])) }),
        // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/cloudfunctions2_function
        // (name and location required; storage_source needs bucket and object)
        ["google_cloudfunctions2_function"] = new(["name", "location"], ["count"], new()
        {
            ["build_config"] = Block(new([], ["runtime", "entry_point"], new()
            {
                ["source"] = Block(new([], [], new() { ["storage_source"] = Block(new(["bucket", "object"], [])) })),
            })),
            ["service_config"] = Block(new([], ["available_memory", "timeout_seconds", "max_instance_request_concurrency", "environment_variables"])),
            ["event_trigger"] = Block(new([], ["trigger_region", "event_type", "retry_policy", "service_account_email", "pubsub_topic"])),
        }),
        // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/cloud_run_v2_service
        // (name, location and the template block required; a container needs image; env needs name)
        ["google_cloud_run_v2_service"] = new(["name", "location"], ["count", "deletion_protection"], new()
        {
            ["template"] = Block(new([], ["timeout", "max_instance_request_concurrency"], new()
            {
                ["containers"] = Block(new(["image"], [], new()
                {
                    ["env"] = Block(new(["name"], ["value"])),
                    ["resources"] = Block(new([], ["limits"])),
                })),
            }), required: true),
        }),
        // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/eventarc_trigger
        // (name, location, matching_criteria (attribute, value) and destination required)
        ["google_eventarc_trigger"] = new(["name", "location"], ["count", "service_account"], new()
        {
            ["matching_criteria"] = Block(new(["attribute", "value"], []), required: true),
            ["destination"] = Block(new([], [], new() { ["cloud_run_service"] = Block(new(["service"], ["region", "path"])) }), required: true),
            ["transport"] = Block(new([], [], new() { ["pubsub"] = Block(new([], ["topic"])) })),
        }),
        // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/pubsub_topic
        ["google_pubsub_topic"] = new(["name"], []),
        // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/resource_group
        ["azurerm_resource_group"] = new(["name", "location"], []),
        // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account
        ["azurerm_storage_account"] = new(["name", "resource_group_name", "location", "account_tier", "account_replication_type"], []),
        // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_container
        ["azurerm_storage_container"] = new(["name"], ["storage_account_id", "container_access_type"]),
        // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/service_plan
        ["azurerm_service_plan"] = new(["name", "resource_group_name", "location", "os_type", "sku_name"], []),
        // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/function_app_flex_consumption
        // (storage_container_type/_endpoint, storage_authentication_type, runtime_name/_version and site_config required)
        ["azurerm_function_app_flex_consumption"] = new(
            ["name", "resource_group_name", "location", "service_plan_id", "storage_container_type", "storage_container_endpoint", "storage_authentication_type", "runtime_name", "runtime_version"],
            ["storage_access_key", "maximum_instance_count", "instance_memory_in_mb", "app_settings"],
            new() { ["site_config"] = Block(Empty, required: true) }),
    };

    /// <summary>Providers: the block's own arguments (https://registry.terraform.io/providers/hashicorp/{aws,google,azurerm}/latest/docs).</summary>
    private static readonly Dictionary<string, Rule> Providers = new(StringComparer.Ordinal)
    {
        ["aws"] = new([], ["region"]),
        ["google"] = new([], ["project", "region"]),
        // azurerm requires an (empty) features block.
        ["azurerm"] = new([], [], new() { ["features"] = Block(Empty, required: true) }),
    };

    /// <summary>Checks every block of a parsed file (hcl2json form); returns the problems found.</summary>
    public static IReadOnlyList<string> Check(JsonObject file)
    {
        var problems = new List<string>();
        foreach (var (kind, body) in file)
        {
            switch (kind)
            {
                case "resource":
                    foreach (var (type, named) in body!.AsObject())
                    {
                        if (!Resources.TryGetValue(type, out var rule))
                        {
                            problems.Add($"resource type {type} is not in the table");
                            continue;
                        }

                        foreach (var (name, instances) in named!.AsObject())
                        {
                            CheckBlock($"{type}.{name}", Single(instances), rule, problems);
                        }
                    }

                    break;
                case "provider":
                    foreach (var (name, instances) in body!.AsObject())
                    {
                        if (Providers.TryGetValue(name, out var rule))
                        {
                            CheckBlock("provider " + name, Single(instances), rule, problems);
                        }
                        else
                        {
                            problems.Add($"provider {name} is not in the table");
                        }
                    }

                    break;
                case "variable":
                    foreach (var (name, instances) in body!.AsObject())
                    {
                        CheckBlock("variable " + name, Single(instances), new([], ["description", "type", "default"]), problems);
                    }

                    break;
                case "output":
                    foreach (var (name, instances) in body!.AsObject())
                    {
                        CheckBlock("output " + name, Single(instances), new(["value"], ["description"]), problems);
                    }

                    break;
                default:
                    problems.Add($"unexpected top-level {kind}");
                    break;
            }
        }

        return problems;
    }

    private static JsonObject Single(JsonNode? instances) => instances is JsonArray { Count: 1 } array ? array[0]!.AsObject() : instances!.AsObject();

    private static void CheckBlock(string path, JsonObject body, Rule rule, List<string> problems)
    {
        foreach (var required in rule.Required)
        {
            if (!body.ContainsKey(required))
            {
                problems.Add($"{path}: missing required argument {required}");
            }
        }

        foreach (var (name, (nested, required)) in rule.Nested)
        {
            if (required && !body.ContainsKey(name))
            {
                problems.Add($"{path}: missing required block {name}");
            }
        }

        foreach (var (name, value) in body)
        {
            if (rule.Nested.TryGetValue(name, out var nested))
            {
                // hcl2json writes blocks as arrays of objects; `name = {...}` (an argument) is an object.
                if (value is not JsonArray blocks || blocks.Any(b => b is not JsonObject))
                {
                    problems.Add($"{path}: {name} must be a block, not an argument");
                    continue;
                }

                foreach (var block in blocks)
                {
                    CheckBlock($"{path}.{name}", block!.AsObject(), nested.Rule, problems);
                }
            }
            else if (!rule.Required.Contains(name) && !rule.Optional.Contains(name))
            {
                problems.Add($"{path}: {name} is not an argument or block of this type in the table");
            }
            else if (value is JsonArray array && array.Count > 0 && array.All(e => e is JsonObject))
            {
                problems.Add($"{path}: {name} is an argument, written as a block");
            }
        }
    }
}
