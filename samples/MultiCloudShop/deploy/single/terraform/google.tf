# Google Cloud deployment of MultiCloudShop (written by --write-deploy-files; `terraform fmt` layout).
# terraform init && terraform apply -var google_project=PROJECT -var google_source_bucket=BUCKET -var google_trigger_service_account=SA

variable "google_project" {
  description = "Google Cloud project id"
  type        = string
}

variable "google_region" {
  description = "Region of the functions and triggers"
  type        = string
  default     = "europe-west1"
}

variable "google_source_bucket" {
  description = "Bucket holding the source archive (zip of the project folder, package references only)"
  type        = string
}

variable "google_source_object" {
  description = "Object name of the source archive"
  type        = string
  default     = "source.zip"
}

variable "google_image" {
  description = "Container image (container/Dockerfile) used when google_use_image is true"
  type        = string
  default     = "europe-west1-docker.pkg.dev/PROJECT/portable/multi-cloud-shop:latest"
}

variable "google_use_image" {
  description = "Deploy the Native AOT image to Cloud Run instead of building from source"
  type        = bool
  default     = false
}

variable "google_trigger_service_account" {
  description = "Service account Eventarc invokes the services as (roles/run.invoker)"
  type        = string
}

provider "google" {
  project = var.google_project
  region  = var.google_region
}

resource "google_cloudfunctions2_function" "orders_place" {
  count    = var.google_use_image ? 0 : 1
  name     = "orders-place"
  location = var.google_region

  build_config {
    runtime     = "dotnet10"
    entry_point = "orders-place"

    source {
      storage_source {
        bucket = var.google_source_bucket
        object = var.google_source_object
      }
    }
  }
  service_config {
    available_memory                 = "512M"
    timeout_seconds                  = 300
    max_instance_request_concurrency = 80
    environment_variables            = { GOOGLE_CLOUD_PROJECT = var.google_project }
  }
}

resource "google_cloud_run_v2_service" "orders_place" {
  count               = var.google_use_image ? 1 : 0
  name                = "orders-place"
  location            = var.google_region
  deletion_protection = false

  template {
    timeout                          = "300s"
    max_instance_request_concurrency = 80

    containers {
      image = var.google_image

      env {
        name  = "FUNCTION_TARGET"
        value = "orders-place"
      }
      env {
        name  = "GOOGLE_CLOUD_PROJECT"
        value = var.google_project
      }
      resources {
        limits = { memory = "512Mi" }
      }
    }
  }
}

resource "google_cloudfunctions2_function" "orders_get" {
  count    = var.google_use_image ? 0 : 1
  name     = "orders-get"
  location = var.google_region

  build_config {
    runtime     = "dotnet10"
    entry_point = "orders-get"

    source {
      storage_source {
        bucket = var.google_source_bucket
        object = var.google_source_object
      }
    }
  }
  service_config {
    available_memory                 = "512M"
    timeout_seconds                  = 300
    max_instance_request_concurrency = 80
    environment_variables            = { GOOGLE_CLOUD_PROJECT = var.google_project }
  }
}

resource "google_cloud_run_v2_service" "orders_get" {
  count               = var.google_use_image ? 1 : 0
  name                = "orders-get"
  location            = var.google_region
  deletion_protection = false

  template {
    timeout                          = "300s"
    max_instance_request_concurrency = 80

    containers {
      image = var.google_image

      env {
        name  = "FUNCTION_TARGET"
        value = "orders-get"
      }
      env {
        name  = "GOOGLE_CLOUD_PROJECT"
        value = var.google_project
      }
      resources {
        limits = { memory = "512Mi" }
      }
    }
  }
}

resource "google_pubsub_topic" "analytics_order_placed" {
  name = "analytics-order-placed"
}

resource "google_cloudfunctions2_function" "analytics_order_placed" {
  count    = var.google_use_image ? 0 : 1
  name     = "analytics-order-placed"
  location = var.google_region

  build_config {
    runtime     = "dotnet10"
    entry_point = "analytics-order-placed"

    source {
      storage_source {
        bucket = var.google_source_bucket
        object = var.google_source_object
      }
    }
  }
  service_config {
    available_memory                 = "512M"
    timeout_seconds                  = 300
    max_instance_request_concurrency = 80
    environment_variables            = { GOOGLE_CLOUD_PROJECT = var.google_project }
  }
  event_trigger {
    trigger_region = var.google_region
    event_type     = "google.cloud.pubsub.topic.v1.messagePublished"
    # A failing invocation is retried (at-least-once); the app never acknowledges an event it could not handle.
    retry_policy          = "RETRY_POLICY_RETRY"
    service_account_email = var.google_trigger_service_account
    pubsub_topic          = google_pubsub_topic.analytics_order_placed.id
  }
}

resource "google_cloud_run_v2_service" "analytics_order_placed" {
  count               = var.google_use_image ? 1 : 0
  name                = "analytics-order-placed"
  location            = var.google_region
  deletion_protection = false

  template {
    timeout                          = "300s"
    max_instance_request_concurrency = 80

    containers {
      image = var.google_image

      env {
        name  = "FUNCTION_TARGET"
        value = "analytics-order-placed"
      }
      env {
        name  = "GOOGLE_CLOUD_PROJECT"
        value = var.google_project
      }
      resources {
        limits = { memory = "512Mi" }
      }
    }
  }
}

resource "google_eventarc_trigger" "analytics_order_placed" {
  count           = var.google_use_image ? 1 : 0
  name            = "analytics-order-placed-trigger"
  location        = var.google_region
  service_account = var.google_trigger_service_account

  matching_criteria {
    attribute = "type"
    value     = "google.cloud.pubsub.topic.v1.messagePublished"
  }
  destination {
    cloud_run_service {
      service = google_cloud_run_v2_service.analytics_order_placed[0].name
      region  = var.google_region
    }
  }
  transport {
    pubsub {
      topic = google_pubsub_topic.analytics_order_placed.id
    }
  }
}

resource "google_pubsub_topic" "analytics_order_cancelled" {
  name = "analytics-order-cancelled"
}

resource "google_cloudfunctions2_function" "analytics_order_cancelled" {
  count    = var.google_use_image ? 0 : 1
  name     = "analytics-order-cancelled"
  location = var.google_region

  build_config {
    runtime     = "dotnet10"
    entry_point = "analytics-order-cancelled"

    source {
      storage_source {
        bucket = var.google_source_bucket
        object = var.google_source_object
      }
    }
  }
  service_config {
    available_memory                 = "512M"
    timeout_seconds                  = 300
    max_instance_request_concurrency = 80
    environment_variables            = { GOOGLE_CLOUD_PROJECT = var.google_project }
  }
  event_trigger {
    trigger_region = var.google_region
    event_type     = "google.cloud.pubsub.topic.v1.messagePublished"
    # A failing invocation is retried (at-least-once); the app never acknowledges an event it could not handle.
    retry_policy          = "RETRY_POLICY_RETRY"
    service_account_email = var.google_trigger_service_account
    pubsub_topic          = google_pubsub_topic.analytics_order_cancelled.id
  }
}

resource "google_cloud_run_v2_service" "analytics_order_cancelled" {
  count               = var.google_use_image ? 1 : 0
  name                = "analytics-order-cancelled"
  location            = var.google_region
  deletion_protection = false

  template {
    timeout                          = "300s"
    max_instance_request_concurrency = 80

    containers {
      image = var.google_image

      env {
        name  = "FUNCTION_TARGET"
        value = "analytics-order-cancelled"
      }
      env {
        name  = "GOOGLE_CLOUD_PROJECT"
        value = var.google_project
      }
      resources {
        limits = { memory = "512Mi" }
      }
    }
  }
}

resource "google_eventarc_trigger" "analytics_order_cancelled" {
  count           = var.google_use_image ? 1 : 0
  name            = "analytics-order-cancelled-trigger"
  location        = var.google_region
  service_account = var.google_trigger_service_account

  matching_criteria {
    attribute = "type"
    value     = "google.cloud.pubsub.topic.v1.messagePublished"
  }
  destination {
    cloud_run_service {
      service = google_cloud_run_v2_service.analytics_order_cancelled[0].name
      region  = var.google_region
    }
  }
  transport {
    pubsub {
      topic = google_pubsub_topic.analytics_order_cancelled.id
    }
  }
}

resource "google_pubsub_topic" "payments" {
  name = "payments"
}

resource "google_cloudfunctions2_function" "payments" {
  count    = var.google_use_image ? 0 : 1
  name     = "payments"
  location = var.google_region

  build_config {
    runtime     = "dotnet10"
    entry_point = "payments"

    source {
      storage_source {
        bucket = var.google_source_bucket
        object = var.google_source_object
      }
    }
  }
  service_config {
    available_memory                 = "512M"
    timeout_seconds                  = 300
    max_instance_request_concurrency = 80
    environment_variables            = { GOOGLE_CLOUD_PROJECT = var.google_project }
  }
  event_trigger {
    trigger_region = var.google_region
    event_type     = "google.cloud.pubsub.topic.v1.messagePublished"
    # A failing invocation is retried (at-least-once); the app never acknowledges an event it could not handle.
    retry_policy          = "RETRY_POLICY_RETRY"
    service_account_email = var.google_trigger_service_account
    pubsub_topic          = google_pubsub_topic.payments.id
  }
}

resource "google_cloud_run_v2_service" "payments" {
  count               = var.google_use_image ? 1 : 0
  name                = "payments"
  location            = var.google_region
  deletion_protection = false

  template {
    timeout                          = "300s"
    max_instance_request_concurrency = 80

    containers {
      image = var.google_image

      env {
        name  = "FUNCTION_TARGET"
        value = "payments"
      }
      env {
        name  = "GOOGLE_CLOUD_PROJECT"
        value = var.google_project
      }
      resources {
        limits = { memory = "512Mi" }
      }
    }
  }
}

resource "google_eventarc_trigger" "payments" {
  count           = var.google_use_image ? 1 : 0
  name            = "payments-trigger"
  location        = var.google_region
  service_account = var.google_trigger_service_account

  matching_criteria {
    attribute = "type"
    value     = "google.cloud.pubsub.topic.v1.messagePublished"
  }
  destination {
    cloud_run_service {
      service = google_cloud_run_v2_service.payments[0].name
      region  = var.google_region
    }
  }
  transport {
    pubsub {
      topic = google_pubsub_topic.payments.id
    }
  }
}
