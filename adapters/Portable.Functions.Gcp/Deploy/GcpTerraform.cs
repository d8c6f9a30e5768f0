using Portable.Functions.Deploy;

namespace Portable.Functions.Gcp.Deploy;

/// <summary>
/// <c>terraform/google.tf</c>: per function a <c>google_cloudfunctions2_function</c> (managed .NET
/// runtime, built from a source archive) or, with <c>google_use_image = true</c>, a
/// <c>google_cloud_run_v2_service</c> running the Native AOT image plus a <c>google_eventarc_trigger</c>
/// for an event function. Variables are prefixed <c>google_</c> to share one module with the other clouds.
/// </summary>
internal static class GcpTerraform
{
    public static string Render(GcpDeploySettings gcp)
    {
        var blocks = new List<HclBlock>
        {
            Variable("google_project", "Google Cloud project id", null),
            Variable("google_region", "Region of the functions and triggers", gcp.Region),
            Variable("google_source_bucket", "Bucket holding the source archive (zip of the project folder, package references only)", null),
            Variable("google_source_object", "Object name of the source archive", "source.zip"),
            Variable("google_image", "Container image (container/Dockerfile) used when google_use_image is true", gcp.Image),
            new HclBlock("variable \"google_use_image\"").Text("description", "Deploy the Native AOT image to Cloud Run instead of building from source").Set("type", "bool").Set("default", "false"),
            Variable("google_trigger_service_account", "Service account Eventarc invokes the services as (roles/run.invoker)", null),
            new HclBlock("provider \"google\"").Set("project", "var.google_project").Set("region", "var.google_region"),
        };

        foreach (var function in gcp.Functions)
        {
            if (function.Topic is { } topic)
            {
                blocks.Add(new HclBlock($"resource \"google_pubsub_topic\" \"{function.ResourceName}\"").Text("name", topic));
            }

            blocks.Add(Managed(gcp, function));
            blocks.Add(Container(gcp, function));
            if (function.IsEvent)
            {
                blocks.Add(Trigger(function));
            }
        }

        return HclBlock.Render(
            $"Google Cloud deployment of {gcp.AppName} (written by --write-deploy-files; `terraform fmt` layout).\nterraform init && terraform apply -var google_project=PROJECT -var google_source_bucket=BUCKET -var google_trigger_service_account=SA",
            blocks);
    }

    private static HclBlock Variable(string name, string description, string? value)
    {
        var block = new HclBlock($"variable \"{name}\"").Text("description", description).Set("type", "string");
        return value is null ? block : block.Text("default", value);
    }

    private static HclBlock Managed(GcpDeploySettings gcp, GcpFunction function)
    {
        var block = new HclBlock($"resource \"google_cloudfunctions2_function\" \"{function.ResourceName}\"")
            .Set("count", "var.google_use_image ? 0 : 1")
            .Text("name", function.Service)
            .Set("location", "var.google_region");
        var build = block.Block("build_config").Text("runtime", gcp.Runtime).Text("entry_point", function.Function.Name);
        build.Block("source").Block("storage_source").Set("bucket", "var.google_source_bucket").Set("object", "var.google_source_object");
        block.Block("service_config")
            .Text("available_memory", DeployText.Number(gcp.Memory) + "M")
            .Set("timeout_seconds", DeployText.Number(Math.Min(gcp.TimeoutSeconds, function.IsEvent ? 540 : 3600)))
            .Set("max_instance_request_concurrency", DeployText.Number(gcp.Concurrency))
            .Set("environment_variables", "{ GOOGLE_CLOUD_PROJECT = var.google_project }");
        if (function.IsEvent)
        {
            var trigger = block.Block("event_trigger")
                .Set("trigger_region", "var.google_region")
                .Text("event_type", function.TriggerType!)
                .Comment("A failing invocation is retried (at-least-once); the app never acknowledges an event it could not handle.")
                .Text("retry_policy", "RETRY_POLICY_RETRY")
                .Set("service_account_email", "var.google_trigger_service_account");
            if (function.Topic is not null)
            {
                trigger.Set("pubsub_topic", $"google_pubsub_topic.{function.ResourceName}.id");
            }
        }

        return block;
    }

    private static HclBlock Container(GcpDeploySettings gcp, GcpFunction function)
    {
        var block = new HclBlock($"resource \"google_cloud_run_v2_service\" \"{function.ResourceName}\"")
            .Set("count", "var.google_use_image ? 1 : 0")
            .Text("name", function.Service)
            .Set("location", "var.google_region")
            .Set("deletion_protection", "false");
        var template = block.Block("template")
            .Text("timeout", DeployText.Number(gcp.TimeoutSeconds) + "s")
            .Set("max_instance_request_concurrency", DeployText.Number(gcp.Concurrency));
        var container = template.Block("containers").Set("image", "var.google_image");
        container.Block("env").Text("name", "FUNCTION_TARGET").Text("value", function.Function.Name);
        container.Block("env").Text("name", "GOOGLE_CLOUD_PROJECT").Set("value", "var.google_project");
        container.Block("resources").Set("limits", $"{{ memory = {DeployText.Hcl(DeployText.Number(gcp.Memory) + "Mi")} }}");
        return block;
    }

    private static HclBlock Trigger(GcpFunction function)
    {
        var block = new HclBlock($"resource \"google_eventarc_trigger\" \"{function.ResourceName}\"")
            .Set("count", "var.google_use_image ? 1 : 0")
            .Text("name", function.Service + "-trigger")
            .Set("location", "var.google_region")
            .Set("service_account", "var.google_trigger_service_account");
        block.Block("matching_criteria").Text("attribute", "type").Text("value", function.TriggerType!);
        block.Block("destination").Block("cloud_run_service")
            .Set("service", $"google_cloud_run_v2_service.{function.ResourceName}[0].name")
            .Set("region", "var.google_region");
        if (function.Topic is not null)
        {
            block.Block("transport").Block("pubsub").Set("topic", $"google_pubsub_topic.{function.ResourceName}.id");
        }

        return block;
    }
}
