using Portable.Functions.Deploy;

namespace Portable.Functions.Aws.Deploy;

/// <summary>
/// <c>terraform/aws.tf</c>: the same deployment as the SAM template with the AWS provider's resources
/// (Lambda function and IAM role, HTTP API, event source mappings, SNS/EventBridge subscriptions).
/// Variables are prefixed <c>aws_</c> so the three clouds' files share one Terraform module.
/// </summary>
internal static class AwsTerraform
{
    private const string Function = "aws_lambda_function.app";

    public static string Render(AwsDeploySettings aws)
    {
        var blocks = new List<HclBlock>
        {
            Variable("aws_region", "AWS region", aws.Region),
            Variable("aws_function_name", "Lambda function name", aws.FunctionName),
            Variable("aws_lambda_zip", aws.Runtime == AwsDeploySettings.NativeRuntime ? "Zip holding the Native AOT binary named bootstrap" : "Zip of the framework-dependent publish output", "lambda.zip"),
            new HclBlock("provider \"aws\"").Set("region", "var.aws_region"),
        };

        var role = new HclBlock("resource \"aws_iam_role\" \"lambda\"")
            .Set("name", "\"${var.aws_function_name}-role\"")
            .Set("assume_role_policy", "jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Action = \"sts:AssumeRole\", Principal = { Service = \"lambda.amazonaws.com\" } }] })");
        blocks.Add(role);
        var policies = new List<(string Name, string Arn)> { ("basic", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole") };
        if (aws.Sources.Any(s => s.Kind == AwsEventSourceKind.Sqs))
        {
            policies.Add(("sqs", "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"));
        }

        if (aws.Sources.Any(s => s.Kind == AwsEventSourceKind.Kinesis))
        {
            policies.Add(("kinesis", "arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole"));
        }

        if (aws.Sources.Any(s => s.Kind == AwsEventSourceKind.DynamoDb))
        {
            policies.Add(("dynamodb", "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole"));
        }

        if (aws.Sources.Any(s => s.Kind == AwsEventSourceKind.Msk))
        {
            policies.Add(("msk", "arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole"));
        }

        foreach (var (name, arn) in policies)
        {
            blocks.Add(new HclBlock($"resource \"aws_iam_role_policy_attachment\" \"{name}\"")
                .Set("role", "aws_iam_role.lambda.name")
                .Text("policy_arn", arn));
        }

        var dlqTargets = DeadLetterQueues(aws).ToList();
        if (dlqTargets.Count > 0)
        {
            blocks.Add(new HclBlock("resource \"aws_iam_role_policy\" \"dead_letter\"")
                .Set("name", "\"${var.aws_function_name}-dead-letter\"")
                .Set("role", "aws_iam_role.lambda.id")
                .Set("policy", $"jsonencode({{ Version = \"2012-10-17\", Statement = [{{ Effect = \"Allow\", Action = \"sqs:SendMessage\", Resource = [{string.Join(", ", dlqTargets.Select(q => $"aws_sqs_queue.{q}.arn"))}] }}] }})"));
        }

        var lambda = new HclBlock("resource \"aws_lambda_function\" \"app\"")
            .Set("function_name", "var.aws_function_name")
            .Set("role", "aws_iam_role.lambda.arn")
            .Text("runtime", aws.Runtime)
            .Text("handler", aws.Handler)
            .Set("filename", "var.aws_lambda_zip")
            .Set("source_code_hash", "filebase64sha256(var.aws_lambda_zip)")
            .Set("architectures", $"[{DeployText.Hcl(aws.Architecture)}]")
            .Set("memory_size", DeployText.Number(aws.MemorySize))
            .Set("timeout", DeployText.Number(aws.Timeout));
        lambda.Block("logging_config").Text("log_format", "JSON").Text("application_log_level", aws.LogLevel);
        if (aws.Runtime == AwsDeploySettings.ManagedRuntime)
        {
            // Most of the managed runtime's cold start is JIT work, which ReadyToRun removes (README).
            lambda.Comment($"Managed-runtime cold start: zip a ReadyToRun publish (dotnet publish -c Release -r {AwsDeploySettings.RuntimeIdentifier(aws.Architecture)} --self-contained false -p:PublishReadyToRun=true).");
        }
        else
        {
            lambda.Comment($"Native AOT cold start: zip the binary of dotnet publish -c Release -r {AwsDeploySettings.RuntimeIdentifier(aws.Architecture)} {AwsDeploySettings.NativePublishSettings}, renamed to bootstrap.");
        }

        if (aws.HasAsyncSource && aws.DeadLetterQueue)
        {
            lambda.Block("dead_letter_config").Set("target_arn", "aws_sqs_queue.async_dead_letter.arn");
            blocks.Add(new HclBlock("resource \"aws_sqs_queue\" \"async_dead_letter\"").Set("name", "\"${var.aws_function_name}-async-dlq\""));
        }

        blocks.Add(lambda);
        if (aws.HttpFunctions.Count > 0)
        {
            AddHttpApi(blocks, aws);
        }

        foreach (var source in aws.Sources)
        {
            AddSource(blocks, source, aws);
        }

        return HclBlock.Render(
            $"AWS deployment of {aws.AppName} (written by --write-deploy-files; `terraform fmt` layout).\nterraform init && terraform apply -var aws_lambda_zip=lambda.zip",
            blocks);
    }

    private static HclBlock Variable(string name, string description, string value) =>
        new HclBlock($"variable \"{name}\"").Text("description", description).Set("type", "string").Text("default", value);

    private static IEnumerable<string> DeadLetterQueues(AwsDeploySettings aws)
    {
        if (!aws.DeadLetterQueue)
        {
            yield break;
        }

        if (aws.HasAsyncSource)
        {
            yield return "async_dead_letter";
        }

        foreach (var source in aws.Sources.Where(s => s.Kind is AwsEventSourceKind.Kinesis or AwsEventSourceKind.DynamoDb))
        {
            yield return source.ResourceName + "_dead_letter";
        }
    }

    private static void AddHttpApi(List<HclBlock> blocks, AwsDeploySettings aws)
    {
        blocks.Add(new HclBlock("resource \"aws_apigatewayv2_api\" \"http\"")
            .Set("name", "var.aws_function_name")
            .Text("protocol_type", "HTTP"));
        blocks.Add(new HclBlock("resource \"aws_apigatewayv2_integration\" \"lambda\"")
            .Set("api_id", "aws_apigatewayv2_api.http.id")
            .Text("integration_type", "AWS_PROXY")
            .Set("integration_uri", Function + ".invoke_arn")
            .Text("payload_format_version", "2.0"));
        var routes = aws.PerRoute
            ? aws.Routes().Select(r => (Name: DeployText.Snake(r.Function.Name + "-" + r.Method), Key: $"{r.Method} {r.Path}")).ToList()
            : [("default", "$default")];
        foreach (var (name, key) in routes)
        {
            blocks.Add(new HclBlock($"resource \"aws_apigatewayv2_route\" \"{name}\"")
                .Set("api_id", "aws_apigatewayv2_api.http.id")
                .Text("route_key", key)
                .Set("target", "\"integrations/${aws_apigatewayv2_integration.lambda.id}\""));
        }

        blocks.Add(new HclBlock("resource \"aws_apigatewayv2_stage\" \"default\"")
            .Set("api_id", "aws_apigatewayv2_api.http.id")
            .Text("name", "$default")
            .Set("auto_deploy", "true"));
        blocks.Add(Permission("api", "apigateway.amazonaws.com", "\"${aws_apigatewayv2_api.http.execution_arn}/*/*\""));
        blocks.Add(new HclBlock("output \"aws_api_url\"").Set("value", "aws_apigatewayv2_api.http.api_endpoint"));
    }

    private static HclBlock Permission(string name, string principal, string sourceArn) =>
        new HclBlock($"resource \"aws_lambda_permission\" \"{name}\"")
            .Text("statement_id", "Allow-" + name)
            .Text("action", "lambda:InvokeFunction")
            .Set("function_name", Function + ".function_name")
            .Text("principal", principal)
            .Set("source_arn", sourceArn);

    private static void AddSource(List<HclBlock> blocks, AwsEventSource source, AwsDeploySettings aws)
    {
        var n = source.ResourceName;
        switch (source.Kind)
        {
            case AwsEventSourceKind.Sqs:
                if (aws.DeadLetterQueue)
                {
                    blocks.Add(new HclBlock($"resource \"aws_sqs_queue\" \"{n}_dead_letter\"").Set("name", $"\"${{var.aws_function_name}}-{DeployText.Kebab(source.Function.Name)}-dlq\""));
                }

                var queue = new HclBlock($"resource \"aws_sqs_queue\" \"{n}\"")
                    .Set("name", $"\"${{var.aws_function_name}}-{DeployText.Kebab(source.Function.Name)}\"")
                    .Set("visibility_timeout_seconds", DeployText.Number(aws.Timeout * 6));
                if (aws.DeadLetterQueue)
                {
                    queue.Set("redrive_policy", $"jsonencode({{ deadLetterTargetArn = aws_sqs_queue.{n}_dead_letter.arn, maxReceiveCount = {DeployText.Number(aws.MaxReceiveCount)} }})");
                }

                blocks.Add(queue);
                blocks.Add(new HclBlock($"resource \"aws_lambda_event_source_mapping\" \"{n}\"")
                    .Set("event_source_arn", $"aws_sqs_queue.{n}.arn")
                    .Set("function_name", Function + ".arn")
                    .Set("batch_size", DeployText.Number(source.BatchSize))
                    .Comment("Without this Lambda ignores batchItemFailures and deletes the whole batch on success.")
                    .Set("function_response_types", "[\"ReportBatchItemFailures\"]"));
                blocks.Add(new HclBlock($"output \"aws_{n}_queue_url\"").Set("value", $"aws_sqs_queue.{n}.url"));
                break;
            case AwsEventSourceKind.Sns:
                blocks.Add(new HclBlock($"resource \"aws_sns_topic\" \"{n}\"").Set("name", $"\"${{var.aws_function_name}}-{DeployText.Kebab(source.Function.Name)}\""));
                blocks.Add(new HclBlock($"resource \"aws_sns_topic_subscription\" \"{n}\"")
                    .Set("topic_arn", $"aws_sns_topic.{n}.arn")
                    .Text("protocol", "lambda")
                    .Set("endpoint", Function + ".arn"));
                blocks.Add(Permission(n, "sns.amazonaws.com", $"aws_sns_topic.{n}.arn"));
                break;
            case AwsEventSourceKind.EventBridge:
                blocks.Add(new HclBlock($"resource \"aws_cloudwatch_event_rule\" \"{n}\"")
                    .Set("name", $"\"${{var.aws_function_name}}-{DeployText.Kebab(source.Function.Name)}\"")
                    .Comment("The adapter gives an EventBridge event the CloudEvent type of its detail-type.")
                    .Set("event_pattern", $"jsonencode({{ \"detail-type\" = [{DeployText.Hcl(source.Function.EventType!)}] }})"));
                var target = new HclBlock($"resource \"aws_cloudwatch_event_target\" \"{n}\"")
                    .Set("rule", $"aws_cloudwatch_event_rule.{n}.name")
                    .Set("arn", Function + ".arn");
                target.Block("retry_policy").Set("maximum_retry_attempts", "3").Set("maximum_event_age_in_seconds", "86400");
                blocks.Add(target);
                blocks.Add(Permission(n, "events.amazonaws.com", $"aws_cloudwatch_event_rule.{n}.arn"));
                break;
            case AwsEventSourceKind.Kinesis:
            case AwsEventSourceKind.DynamoDb:
                string arn;
                if (source.Kind == AwsEventSourceKind.Kinesis)
                {
                    var stream = new HclBlock($"resource \"aws_kinesis_stream\" \"{n}\"")
                        .Set("name", $"\"${{var.aws_function_name}}-{DeployText.Kebab(source.Function.Name)}\"");
                    stream.Block("stream_mode_details").Text("stream_mode", "ON_DEMAND");
                    blocks.Add(stream);
                    arn = $"aws_kinesis_stream.{n}.arn";
                }
                else
                {
                    blocks.Add(new HclBlock($"variable \"aws_{n}_stream_arn\"").Text("description", "ARN of the DynamoDB table's stream").Set("type", "string"));
                    arn = $"var.aws_{n}_stream_arn";
                }

                if (aws.DeadLetterQueue)
                {
                    blocks.Add(new HclBlock($"resource \"aws_sqs_queue\" \"{n}_dead_letter\"").Set("name", $"\"${{var.aws_function_name}}-{DeployText.Kebab(source.Function.Name)}-dlq\""));
                }

                var mapping = new HclBlock($"resource \"aws_lambda_event_source_mapping\" \"{n}\"")
                    .Set("event_source_arn", arn)
                    .Set("function_name", Function + ".arn")
                    .Text("starting_position", "LATEST")
                    .Set("batch_size", DeployText.Number(source.BatchSize))
                    .Set("bisect_batch_on_function_error", "true")
                    .Set("maximum_retry_attempts", DeployText.Number(aws.MaxReceiveCount))
                    .Set("function_response_types", "[\"ReportBatchItemFailures\"]");
                if (aws.DeadLetterQueue)
                {
                    mapping.Block("destination_config").Block("on_failure").Set("destination_arn", $"aws_sqs_queue.{n}_dead_letter.arn");
                }

                blocks.Add(mapping);
                break;
            case AwsEventSourceKind.Msk:
            case AwsEventSourceKind.SelfManagedKafka:
                var kafka = source.Kafka!;
                var kafkaMapping = new HclBlock($"resource \"aws_lambda_event_source_mapping\" \"{n}\"")
                    .Set("function_name", Function + ".arn")
                    .Set("topics", "[" + DeployText.Hcl(kafka.Topic) + "]")
                    .Text("starting_position", kafka.StartingPosition)
                    .Set("batch_size", DeployText.Number(source.BatchSize))
                    .Comment("The adapter fails the invoke when a record must be retried: Lambda retries from that partition offset.");
                if (source.Kind == AwsEventSourceKind.Msk)
                {
                    kafkaMapping.Text("event_source_arn", kafka.ClusterArn!);
                }
                else
                {
                    kafkaMapping.Block("self_managed_event_source").Set("endpoints", "{ KAFKA_BOOTSTRAP_SERVERS = " + DeployText.Hcl(string.Join(",", kafka.BootstrapServers)) + " }");
                    kafkaMapping.Block("source_access_configuration").Text("type", "SASL_SCRAM_512_AUTH").Text("uri", kafka.SecretArn!);
                }

                blocks.Add(kafkaMapping);
                break;
        }
    }
}
