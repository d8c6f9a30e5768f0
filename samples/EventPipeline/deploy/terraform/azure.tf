# Azure Flex Consumption deployment of EventPipeline (written by --write-deploy-files; `terraform fmt` layout).
# terraform init && terraform apply; then zip azure/ with the linux-x64 Native AOT binary and deploy it:
# az functionapp deployment source config-zip -g <rg> -n <app> --src app.zip
# 1 event function(s) are bound to their triggers (Event Grid unless set): create their subscriptions/queues too.

variable "azure_location" {
  description = "Azure region offering Flex Consumption"
  type        = string
  default     = "westeurope"
}

variable "azure_resource_group" {
  description = "Resource group to create"
  type        = string
  default     = "event-pipeline-rg"
}

variable "azure_app_name" {
  description = "Function app name (globally unique)"
  type        = string
  default     = "event-pipeline"
}

variable "azure_storage_account" {
  description = "Storage account name (3-24 lower-case letters and digits, globally unique)"
  type        = string
  default     = "eventpipelinest"
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "app" {
  name     = var.azure_resource_group
  location = var.azure_location
}

resource "azurerm_storage_account" "app" {
  name                     = var.azure_storage_account
  resource_group_name      = azurerm_resource_group.app.name
  location                 = azurerm_resource_group.app.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_container" "deployments" {
  name                  = "deployments"
  storage_account_id    = azurerm_storage_account.app.id
  container_access_type = "private"
}

resource "azurerm_service_plan" "app" {
  name                = "${var.azure_app_name}-plan"
  resource_group_name = azurerm_resource_group.app.name
  location            = azurerm_resource_group.app.location
  # FC1 = Flex Consumption
  sku_name = "FC1"
  os_type  = "Linux"
}

resource "azurerm_function_app_flex_consumption" "app" {
  name                        = var.azure_app_name
  resource_group_name         = azurerm_resource_group.app.name
  location                    = azurerm_resource_group.app.location
  service_plan_id             = azurerm_service_plan.app.id
  storage_container_type      = "blobContainer"
  storage_container_endpoint  = "${azurerm_storage_account.app.primary_blob_endpoint}${azurerm_storage_container.deployments.name}"
  storage_authentication_type = "StorageAccountConnectionString"
  storage_access_key          = azurerm_storage_account.app.primary_access_key
  # A custom handler: host.json names the executable (the Native AOT binary).
  runtime_name           = "custom"
  runtime_version        = "1.0"
  maximum_instance_count = 100
  instance_memory_in_mb  = 2048
  app_settings           = { AzureWebJobsStorage = azurerm_storage_account.app.primary_connection_string }

  site_config {}
}

output "azure_default_hostname" {
  value = azurerm_function_app_flex_consumption.app.default_hostname
}
