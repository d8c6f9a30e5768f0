using System.Text.Json;
using Portable.Functions.Tests.Shared;
using Xunit.Abstractions;

namespace Portable.Functions.Aws.Tests;

/// <summary>Every file in ../shared/fixtures/aws-events goes through the real dispatcher.</summary>
public sealed class SharedFixtureTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, EventShape> s_expected = new(StringComparer.Ordinal)
    {
        ["apigw-v1"] = EventShape.RestApi,
        ["apigw-v2"] = EventShape.HttpApi,
        ["function-url"] = EventShape.FunctionUrl,
        ["alb"] = EventShape.Alb,
        ["sqs"] = EventShape.Sqs,
        ["sns"] = EventShape.Sns,
        ["s3"] = EventShape.S3,
        ["eventbridge"] = EventShape.EventBridge,
        ["kinesis"] = EventShape.Kinesis,
        ["dynamodb"] = EventShape.DynamoDb,
    };

    [SkippableFact]
    public async Task EveryAwsFixture_MapsWithoutError_OrIsRejectedWithItsReason()
    {
        var root = SharedFixtures.RequireFolder("aws-events");
        var files = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(root, file);
            try
            {
                output.WriteLine($"{name}: {await CheckAsync(file, Path.GetFileName(Path.GetDirectoryName(file))!)}");
            }
            catch (Exception exception)
            {
                problems.Add($"{name}: {exception.Message}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Checks one file; returns what happened to it, or throws naming what went wrong.</summary>
    private static async Task<string> CheckAsync(string file, string folder)
    {
        var bytes = SharedFixtures.ReadWithoutBom(file);
        using var document = JsonDocument.Parse(bytes);
        var shape = EventShapeDetector.Detect(document.RootElement);
        if (file.EndsWith("-response.json", StringComparison.Ordinal))
        {
            // Response samples are what a function returns, not events: they must not be mistaken for one.
            Assert.Equal(EventShape.Unknown, shape);
            return "response sample, not an event (detected as unknown)";
        }

        Assert.Equal(s_expected[folder], shape);
        await using var app = new CapturingApp();
        var result = await app.DispatchAsync(bytes);
        Assert.True(result.Error is null, result.Error?.ErrorMessage);
        using var payload = JsonDocument.Parse(result.Payload);
        if (shape is EventShape.RestApi or EventShape.HttpApi or EventShape.FunctionUrl or EventShape.Alb)
        {
            var status = payload.RootElement.GetProperty("statusCode").GetInt32();
            if (status == 400)
            {
                // Rejected: only for the synthetic samples that flag a non-base64 body as base64.
                Assert.True(document.RootElement.GetProperty("isBase64Encoded").GetBoolean(), "400 for a body not flagged base64");
                Assert.False(Convert.TryFromBase64String(document.RootElement.GetProperty("body").GetString()!, new byte[4096], out _), "400 for a valid base64 body");
                Assert.Contains("base64", payload.RootElement.GetProperty("body").GetString());
                return "rejected with 400: the body is flagged isBase64Encoded but is not base64";
            }

            Assert.Equal(200, status);
            var request = Assert.Single(app.Requests);
            return $"{shape}: {request.Method} {request.Path}?{request.QueryString}";
        }

        var expectedEvents = document.RootElement.TryGetProperty("Records", out var records) ? records.GetArrayLength() : 1;
        Assert.Equal(expectedEvents, app.CloudEvents.Count);
        foreach (var cloudEvent in app.CloudEvents)
        {
            Assert.NotEmpty(cloudEvent.Id);
            Assert.NotEmpty(cloudEvent.Source);
            Assert.True(shape == EventShape.EventBridge || cloudEvent.Type.StartsWith("com.amazonaws.", StringComparison.Ordinal), cloudEvent.Type);
            Assert.False(cloudEvent.Data.IsEmpty, "no data");
        }

        if (payload.RootElement.TryGetProperty("batchItemFailures", out var failures))
        {
            Assert.Equal(0, failures.GetArrayLength());
        }

        return $"{shape}: {expectedEvents} CloudEvent(s) of type {string.Join(", ", app.CloudEvents.Select(e => e.Type).Distinct())}";
    }
}
