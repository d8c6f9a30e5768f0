# AWS deployment of EventPipeline (written by --write-deploy-files; `terraform fmt` layout).
# terraform init && terraform apply -var aws_lambda_zip=lambda.zip

variable "aws_region" {
  description = "AWS region"
  type        = string
  default     = "us-east-1"
}

variable "aws_function_name" {
  description = "Lambda function name"
  type        = string
  default     = "event-pipeline"
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

resource "aws_iam_role_policy_attachment" "msk" {
  role       = aws_iam_role.lambda.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole"
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

resource "aws_lambda_event_source_mapping" "process_order" {
  function_name     = aws_lambda_function.app.arn
  topics            = ["orders"]
  starting_position = "TRIM_HORIZON"
  batch_size        = 100
  # The adapter fails the invoke when a record must be retried: Lambda retries from that partition offset.
  event_source_arn = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/00000000-0000-0000-0000-000000000000-1"
}
