# AWS deployment of MultiCloudShop (written by --write-deploy-files; `terraform fmt` layout).
# terraform init && terraform apply -var aws_lambda_zip=lambda.zip

variable "aws_region" {
  description = "AWS region"
  type        = string
  default     = "us-east-1"
}

variable "aws_function_name" {
  description = "Lambda function name"
  type        = string
  default     = "multi-cloud-shop"
}

variable "aws_lambda_zip" {
  description = "Zip holding the Native AOT binary named bootstrap"
  type        = string
  default     = "lambda.zip"
}

provider "aws" {
  region = var.aws_region
}

resource "aws_iam_role" "lambda" {
  name               = "${var.aws_function_name}-role"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}

resource "aws_iam_role_policy_attachment" "basic" {
  role       = aws_iam_role.lambda.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy_attachment" "sqs" {
  role       = aws_iam_role.lambda.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"
}

resource "aws_lambda_function" "app" {
  function_name    = var.aws_function_name
  role             = aws_iam_role.lambda.arn
  runtime          = "provided.al2023"
  handler          = "bootstrap"
  filename         = var.aws_lambda_zip
  source_code_hash = filebase64sha256(var.aws_lambda_zip)
  architectures    = ["x86_64"]
  memory_size      = 512
  timeout          = 30

  logging_config {
    log_format            = "JSON"
    application_log_level = "INFO"
  }
  # Native AOT cold start: zip the binary of dotnet publish -c Release -r linux-x64 -p:PublishAot=true -p:IlcDehydrate=false -p:PositionIndependentExecutable=false, renamed to bootstrap.
}

resource "aws_apigatewayv2_api" "http" {
  name          = var.aws_function_name
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "lambda" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.app.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "default" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "$default"
  target    = "integrations/${aws_apigatewayv2_integration.lambda.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_lambda_permission" "api" {
  statement_id  = "Allow-api"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.app.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}

output "aws_api_url" {
  value = aws_apigatewayv2_api.http.api_endpoint
}

resource "aws_sqs_queue" "analytics_order_placed_dead_letter" {
  name = "${var.aws_function_name}-analytics-order-placed-dlq"
}

resource "aws_sqs_queue" "analytics_order_placed" {
  name                       = "${var.aws_function_name}-analytics-order-placed"
  visibility_timeout_seconds = 180
  redrive_policy             = jsonencode({ deadLetterTargetArn = aws_sqs_queue.analytics_order_placed_dead_letter.arn, maxReceiveCount = 5 })
}

resource "aws_lambda_event_source_mapping" "analytics_order_placed" {
  event_source_arn = aws_sqs_queue.analytics_order_placed.arn
  function_name    = aws_lambda_function.app.arn
  batch_size       = 10
  # Without this Lambda ignores batchItemFailures and deletes the whole batch on success.
  function_response_types = ["ReportBatchItemFailures"]
}

output "aws_analytics_order_placed_queue_url" {
  value = aws_sqs_queue.analytics_order_placed.url
}

resource "aws_sqs_queue" "analytics_order_cancelled_dead_letter" {
  name = "${var.aws_function_name}-analytics-order-cancelled-dlq"
}

resource "aws_sqs_queue" "analytics_order_cancelled" {
  name                       = "${var.aws_function_name}-analytics-order-cancelled"
  visibility_timeout_seconds = 180
  redrive_policy             = jsonencode({ deadLetterTargetArn = aws_sqs_queue.analytics_order_cancelled_dead_letter.arn, maxReceiveCount = 5 })
}

resource "aws_lambda_event_source_mapping" "analytics_order_cancelled" {
  event_source_arn = aws_sqs_queue.analytics_order_cancelled.arn
  function_name    = aws_lambda_function.app.arn
  batch_size       = 10
  # Without this Lambda ignores batchItemFailures and deletes the whole batch on success.
  function_response_types = ["ReportBatchItemFailures"]
}

output "aws_analytics_order_cancelled_queue_url" {
  value = aws_sqs_queue.analytics_order_cancelled.url
}

resource "aws_sqs_queue" "payments_dead_letter" {
  name = "${var.aws_function_name}-payments-dlq"
}

resource "aws_sqs_queue" "payments" {
  name                       = "${var.aws_function_name}-payments"
  visibility_timeout_seconds = 180
  redrive_policy             = jsonencode({ deadLetterTargetArn = aws_sqs_queue.payments_dead_letter.arn, maxReceiveCount = 5 })
}

resource "aws_lambda_event_source_mapping" "payments" {
  event_source_arn = aws_sqs_queue.payments.arn
  function_name    = aws_lambda_function.app.arn
  batch_size       = 10
  # Without this Lambda ignores batchItemFailures and deletes the whole batch on success.
  function_response_types = ["ReportBatchItemFailures"]
}

output "aws_payments_queue_url" {
  value = aws_sqs_queue.payments.url
}
