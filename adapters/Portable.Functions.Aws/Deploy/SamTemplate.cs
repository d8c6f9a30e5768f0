using System.Text;
using Portable.Functions.Deploy;

namespace Portable.Functions.Aws.Deploy;

/// <summary>
/// The AWS SAM template (<c>aws/template.yaml</c>): one function (HTTP routed by path, records by
/// CloudEvent type inside the app), an HTTP API, one event source per event function, dead-letter queues.
/// </summary>
internal static class SamTemplate
{
    public static string Render(AwsDeploySettings aws)
    {
        var fn = aws.LogicalName + "Function";
        var t = new StringBuilder();
        t.Append("# Written by `").Append(aws.AppName).Append(" --write-deploy-files <dir>` from the app's functions; regenerate it rather than edit it.\n");
        t.Append("AWSTemplateFormatVersion: '2010-09-09'\n");
        t.Append("Transform: AWS::Serverless-2016-10-31\n");
        t.Append("Description: ").Append(DeployText.YamlQuoted($"{aws.AppName} on AWS Lambda with Portable Functions")).Append('\n');
        var streams = aws.Sources.Where(s => s.Kind == AwsEventSourceKind.DynamoDb).ToList();
        if (streams.Count > 0)
        {
            t.Append("\nParameters:\n");
            foreach (var source in streams)
            {
                t.Append("  ").Append(source.LogicalName).Append("StreamArn:\n");
                t.Append("    Type: String\n");
                t.Append("    Description: ARN of the DynamoDB table's stream (StreamSpecification on the table)\n");
            }
        }

        t.Append("\nResources:\n");
        t.Append("  ").Append(fn).Append(":\n");
        t.Append("    Type: AWS::Serverless::Function\n");
        t.Append("    Properties:\n");
        if (aws.Runtime == AwsDeploySettings.NativeRuntime)
        {
            t.Append("      # Native AOT custom runtime: CodeUri holds the AOT binary renamed to bootstrap.\n");
            t.Append("      # Handler is not a function name: HTTP events route by path, records by CloudEvent type.\n");
        }
        else
        {
            t.Append("      # Managed .NET runtime: a handler without '::' starts the executable assembly, which runs\n");
            t.Append("      # the adapter's own Runtime API loop. CodeUri holds a framework-dependent publish.\n");
        }

        t.Append("      Runtime: ").Append(aws.Runtime).Append('\n');
        t.Append("      Handler: ").Append(DeployText.Yaml(aws.Handler)).Append('\n');
        t.Append("      CodeUri: ").Append(DeployText.Yaml(aws.CodeUri)).Append('\n');
        t.Append("      MemorySize: ").Append(DeployText.Number(aws.MemorySize)).Append('\n');
        t.Append("      Timeout: ").Append(DeployText.Number(aws.Timeout)).Append('\n');
        t.Append("      Architectures:\n        - ").Append(aws.Architecture).Append('\n');
        t.Append("      LoggingConfig:\n");
        t.Append("        LogFormat: JSON            # one JSON object per log line\n");
        t.Append("        ApplicationLogLevel: ").Append(aws.LogLevel).Append('\n');
        if (aws.Runtime == AwsDeploySettings.ManagedRuntime)
        {
            // The managed runtime's cold start is mostly JIT work: ReadyToRun removes most of it (README,
            // "Deploy on the managed .NET runtime"). Runtime knobs (TieredPGO, concurrent GC) showed no
            // reproducible gain, so no environment variable is set for them.
            t.Append("      # Managed-runtime cold start: CodeUri from a framework-dependent ReadyToRun publish,\n");
            t.Append("      #   dotnet publish -c Release -r ").Append(AwsDeploySettings.RuntimeIdentifier(aws.Architecture));
            t.Append(" --self-contained false -p:PublishReadyToRun=true\n");
            t.Append("      # and <PortableTelemetry>false</PortableTelemetry> in the project when nothing exports telemetry.\n");
        }
        else
        {
            // A bootstrap's start is mostly the loader's work before Main: data stored ready to use and no
            // relocations to apply (README, "Deploy as Native AOT bootstrap").
            t.Append("      # Native AOT cold start: CodeUri from\n");
            t.Append("      #   dotnet publish -c Release -r ").Append(AwsDeploySettings.RuntimeIdentifier(aws.Architecture)).Append(' ').Append(AwsDeploySettings.NativePublishSettings).Append('\n');
            t.Append("      # with the binary renamed to bootstrap.\n");
        }

        if (aws.HasAsyncSource && aws.DeadLetterQueue)
        {
            t.Append("      # SNS and EventBridge invoke asynchronously: events still failing after Lambda's retries land here.\n");
            t.Append("      DeadLetterQueue:\n        Type: SQS\n");
            t.Append("        TargetArn: !GetAtt ").Append(aws.LogicalName).Append("AsyncDeadLetterQueue.Arn\n");
        }

        t.Append("      Events:\n");
        if (aws.HttpFunctions.Count > 0)
        {
            if (aws.PerRoute)
            {
                foreach (var (function, method, path) in aws.Routes())
                {
                    t.Append("        ").Append(DeployText.Pascal(function.Name)).Append(DeployText.Pascal(method.ToLowerInvariant())).Append(":\n");
                    t.Append("          Type: HttpApi          # payload format 2.0\n");
                    t.Append("          Properties:\n");
                    t.Append("            Path: ").Append(DeployText.Yaml(path)).Append('\n');
                    t.Append("            Method: ").Append(method).Append('\n');
                }
            }
            else
            {
                t.Append("        Api:\n");
                t.Append("          Type: HttpApi          # payload format 2.0; every path, routed inside the app\n");
            }
        }

        foreach (var source in aws.Sources)
        {
            AppendEvent(t, source, aws);
        }

        foreach (var source in aws.Sources)
        {
            AppendResources(t, source, aws);
        }

        if (aws.HasAsyncSource && aws.DeadLetterQueue)
        {
            t.Append("\n  ").Append(aws.LogicalName).Append("AsyncDeadLetterQueue:\n    Type: AWS::SQS::Queue\n");
        }

        t.Append("\nOutputs:\n");
        if (aws.HttpFunctions.Count > 0)
        {
            t.Append("  ApiUrl:\n");
            t.Append("    Description: HTTP API endpoint\n");
            t.Append("    Value: !Sub https://${ServerlessHttpApi}.execute-api.${AWS::Region}.amazonaws.com\n");
        }

        t.Append("  FunctionArn:\n    Value: !GetAtt ").Append(fn).Append(".Arn\n");
        foreach (var source in aws.Sources)
        {
            switch (source.Kind)
            {
                case AwsEventSourceKind.Sqs:
                    t.Append("  ").Append(source.LogicalName).Append("QueueUrl:\n");
                    t.Append("    Description: ").Append(DeployText.YamlQuoted($"Send structured CloudEvents ({source.Function.EventType ?? "any type"}) here")).Append('\n');
                    t.Append("    Value: !Ref ").Append(source.LogicalName).Append("Queue\n");
                    break;
                case AwsEventSourceKind.Sns:
                    t.Append("  ").Append(source.LogicalName).Append("TopicArn:\n    Value: !Ref ").Append(source.LogicalName).Append("Topic\n");
                    break;
                case AwsEventSourceKind.Kinesis:
                    t.Append("  ").Append(source.LogicalName).Append("StreamName:\n    Value: !Ref ").Append(source.LogicalName).Append("Stream\n");
                    break;
            }
        }

        return t.ToString();
    }

    private static void AppendEvent(StringBuilder t, AwsEventSource source, AwsDeploySettings aws)
    {
        t.Append("        ").Append(source.LogicalName).Append(":\n");
        switch (source.Kind)
        {
            case AwsEventSourceKind.Sqs:
                t.Append("          Type: SQS\n          Properties:\n");
                t.Append("            Queue: !GetAtt ").Append(source.LogicalName).Append("Queue.Arn\n");
                t.Append("            BatchSize: ").Append(DeployText.Number(source.BatchSize)).Append('\n');
                t.Append("            # Without this Lambda ignores batchItemFailures and deletes the whole batch on success.\n");
                t.Append("            FunctionResponseTypes:\n              - ReportBatchItemFailures\n");
                break;
            case AwsEventSourceKind.Sns:
                t.Append("          Type: SNS\n          Properties:\n");
                t.Append("            Topic: !Ref ").Append(source.LogicalName).Append("Topic\n");
                break;
            case AwsEventSourceKind.EventBridge:
                t.Append("          Type: EventBridgeRule\n          Properties:\n");
                t.Append("            # The adapter gives an EventBridge event the CloudEvent type of its detail-type.\n");
                t.Append("            Pattern:\n              detail-type:\n                - ").Append(DeployText.Yaml(source.Function.EventType!)).Append('\n');
                t.Append("            RetryPolicy:\n              MaximumRetryAttempts: 3\n");
                if (aws.DeadLetterQueue)
                {
                    t.Append("            DeadLetterConfig:\n              Type: SQS          # events the rule cannot deliver\n");
                }

                break;
            case AwsEventSourceKind.Kinesis:
            case AwsEventSourceKind.DynamoDb:
                t.Append("          Type: ").Append(source.Kind == AwsEventSourceKind.Kinesis ? "Kinesis" : "DynamoDB").Append("\n          Properties:\n");
                t.Append("            Stream: ").Append(source.Kind == AwsEventSourceKind.Kinesis ? $"!GetAtt {source.LogicalName}Stream.Arn" : $"!Ref {source.LogicalName}StreamArn").Append('\n');
                t.Append("            StartingPosition: LATEST\n");
                t.Append("            BatchSize: ").Append(DeployText.Number(source.BatchSize)).Append('\n');
                t.Append("            # A failing batch is split to isolate the bad record; the adapter reports it as a batch item failure.\n");
                t.Append("            BisectBatchOnFunctionError: true\n");
                t.Append("            MaximumRetryAttempts: ").Append(DeployText.Number(aws.MaxReceiveCount)).Append('\n');
                t.Append("            FunctionResponseTypes:\n              - ReportBatchItemFailures\n");
                if (aws.DeadLetterQueue)
                {
                    t.Append("            DestinationConfig:\n              OnFailure:\n                Type: SQS\n");
                    t.Append("                Destination: !GetAtt ").Append(source.LogicalName).Append("DeadLetterQueue.Arn\n");
                }

                break;
            case AwsEventSourceKind.Msk:
            case AwsEventSourceKind.SelfManagedKafka:
                var kafka = source.Kafka!;
                t.Append("          Type: ").Append(source.Kind == AwsEventSourceKind.Msk ? "MSK" : "SelfManagedKafka").Append("\n          Properties:\n");
                if (source.Kind == AwsEventSourceKind.Msk)
                {
                    t.Append("            Stream: ").Append(DeployText.Yaml(kafka.ClusterArn!)).Append('\n');
                }
                else
                {
                    t.Append("            KafkaBootstrapServers:\n");
                    foreach (var server in kafka.BootstrapServers)
                    {
                        t.Append("              - ").Append(DeployText.Yaml(server)).Append('\n');
                    }

                    t.Append("            SourceAccessConfigurations:\n              - Type: SASL_SCRAM_512_AUTH\n                URI: ").Append(DeployText.Yaml(kafka.SecretArn!)).Append('\n');
                }

                t.Append("            Topics:\n              - ").Append(DeployText.Yaml(kafka.Topic)).Append('\n');
                t.Append("            StartingPosition: ").Append(kafka.StartingPosition).Append('\n');
                t.Append("            BatchSize: ").Append(DeployText.Number(source.BatchSize)).Append('\n');
                t.Append("            # The adapter fails the invoke when a record must be retried: Lambda retries the batch from\n");
                t.Append("            # the failed record's partition offset (partial batch responses need provisioned mode).\n");
                break;
        }
    }

    private static void AppendResources(StringBuilder t, AwsEventSource source, AwsDeploySettings aws)
    {
        switch (source.Kind)
        {
            case AwsEventSourceKind.Sqs:
                t.Append("\n  ").Append(source.LogicalName).Append("Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n");
                t.Append("      VisibilityTimeout: ").Append(DeployText.Number(aws.Timeout * 6)).Append("     # 6 x the function timeout, as AWS recommends for SQS sources\n");
                if (aws.DeadLetterQueue)
                {
                    t.Append("      RedrivePolicy:\n");
                    t.Append("        deadLetterTargetArn: !GetAtt ").Append(source.LogicalName).Append("DeadLetterQueue.Arn\n");
                    t.Append("        maxReceiveCount: ").Append(DeployText.Number(aws.MaxReceiveCount)).Append('\n');
                }

                break;
            case AwsEventSourceKind.Sns:
                t.Append("\n  ").Append(source.LogicalName).Append("Topic:\n    Type: AWS::SNS::Topic\n");
                return;
            case AwsEventSourceKind.Kinesis:
                t.Append("\n  ").Append(source.LogicalName).Append("Stream:\n    Type: AWS::Kinesis::Stream\n    Properties:\n");
                t.Append("      StreamModeDetails:\n        StreamMode: ON_DEMAND\n");
                break;
            default:
                break;
        }

        if (aws.DeadLetterQueue && source.Kind is AwsEventSourceKind.Sqs or AwsEventSourceKind.Kinesis or AwsEventSourceKind.DynamoDb)
        {
            t.Append("\n  ").Append(source.LogicalName).Append("DeadLetterQueue:\n    Type: AWS::SQS::Queue\n");
        }
    }
}
