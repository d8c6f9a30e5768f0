using Portable.Functions.Deploy;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure.Deploy;

/// <summary>
/// <c>terraform/azure.tf</c>: a Flex Consumption function app (<c>azurerm_function_app_flex_consumption</c>,
/// runtime <c>custom</c>: .NET 10 is not offered on Linux Consumption, and a custom handler runs the
/// Native AOT binary) with its FC1 plan, storage account and deployment container. Variables are
/// prefixed <c>azure_</c> to share one module with the other clouds.
/// </summary>
internal static class AzureTerraform
{
    public static string Render(FunctionApp app, DeploymentSettings settings)
    {
        var name = DeployText.Kebab(settings.GetString("Azure:Name", settings.AppName));
        var memory = settings.GetChoice("Azure:InstanceMemoryMb", "2048", "512", "2048", "4096");
        var maxInstances = settings.GetInt32("Azure:MaximumInstanceCount", 100, 1, 1000);
        var blocks = new List<HclBlock>
        {
            Variable("azure_location", "Azure region offering Flex Consumption", settings.GetString("Azure:Location", "westeurope")),
            Variable("azure_resource_group", "Resource group to create", name + "-rg"),
            Variable("azure_app_name", "Function app name (globally unique)", name),
            Variable("azure_storage_account", "Storage account name (3-24 lower-case letters and digits, globally unique)", new string(name.Where(char.IsAsciiLetterOrDigit).Take(20).ToArray()) + "st"),
            Provider(),
            new HclBlock("resource \"azurerm_resource_group\" \"app\"")
                .Set("name", "var.azure_resource_group")
                .Set("location", "var.azure_location"),
            new HclBlock("resource \"azurerm_storage_account\" \"app\"")
                .Set("name", "var.azure_storage_account")
                .Set("resource_group_name", "azurerm_resource_group.app.name")
                .Set("location", "azurerm_resource_group.app.location")
                .Text("account_tier", "Standard")
                .Text("account_replication_type", "LRS"),
            new HclBlock("resource \"azurerm_storage_container\" \"deployments\"")
                .Text("name", "deployments")
                .Set("storage_account_id", "azurerm_storage_account.app.id")
                .Text("container_access_type", "private"),
            new HclBlock("resource \"azurerm_service_plan\" \"app\"")
                .Set("name", "\"${var.azure_app_name}-plan\"")
                .Set("resource_group_name", "azurerm_resource_group.app.name")
                .Set("location", "azurerm_resource_group.app.location")
                .Comment("FC1 = Flex Consumption")
                .Text("sku_name", "FC1")
                .Text("os_type", "Linux"),
        };

        var function = new HclBlock("resource \"azurerm_function_app_flex_consumption\" \"app\"")
            .Set("name", "var.azure_app_name")
            .Set("resource_group_name", "azurerm_resource_group.app.name")
            .Set("location", "azurerm_resource_group.app.location")
            .Set("service_plan_id", "azurerm_service_plan.app.id")
            .Text("storage_container_type", "blobContainer")
            .Set("storage_container_endpoint", "\"${azurerm_storage_account.app.primary_blob_endpoint}${azurerm_storage_container.deployments.name}\"")
            .Text("storage_authentication_type", "StorageAccountConnectionString")
            .Set("storage_access_key", "azurerm_storage_account.app.primary_access_key")
            .Comment("A custom handler: host.json names the executable (the Native AOT binary).")
            .Text("runtime_name", "custom")
            .Text("runtime_version", "1.0")
            .Set("maximum_instance_count", DeployText.Number(maxInstances))
            .Set("instance_memory_in_mb", memory);
        function.Set("app_settings", "{ AzureWebJobsStorage = azurerm_storage_account.app.primary_connection_string }");
        function.Block("site_config");
        blocks.Add(function);
        blocks.Add(new HclBlock("output \"azure_default_hostname\"").Set("value", "azurerm_function_app_flex_consumption.app.default_hostname"));
        var events = app.Functions.Count(f => f.Kind == FunctionKind.Event);
        return HclBlock.Render(
            $"Azure Flex Consumption deployment of {settings.AppName} (written by --write-deploy-files; `terraform fmt` layout).\n" +
            "terraform init && terraform apply; then zip azure/ with the linux-x64 Native AOT binary and deploy it:\n" +
            "az functionapp deployment source config-zip -g <rg> -n <app> --src app.zip" +
            (events > 0 ? $"\n{events} event function(s) are bound to their triggers (Event Grid unless set): create their subscriptions/queues too." : string.Empty),
            blocks);
    }

    private static HclBlock Provider()
    {
        var provider = new HclBlock("provider \"azurerm\"");
        provider.Block("features");
        return provider;
    }

    private static HclBlock Variable(string name, string description, string value) =>
        new HclBlock($"variable \"{name}\"").Text("description", description).Set("type", "string").Text("default", value);
}
