using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Aws.Tests;

/// <summary>A context's own JSON options reach the wire through the Lambda adapter, both ways.</summary>
[Collection(RuntimeLoopCollection.Name)]
public sealed class SnakeCaseJsonTests
{
    [Fact]
    public async Task HttpApiEvent_SnakeCaseContext_BindsTheInput_AndAnswersSnakeCase()
    {
        await using var host = await LambdaTestHost.StartAsync(b => SnakeCaseApp.Build(b));

        var result = await host.Api.InvokeAsync(Events.HttpApi("POST", "/quotes", body: SnakeCaseApp.RequestJson, headers: """{"content-type":"application/json"}"""));

        Assert.Equal(200, result.Json.GetProperty("statusCode").GetInt32());
        Assert.Equal(SnakeCaseApp.ResponseJson, result.Json.GetProperty("body").GetString());
    }

    [Fact]
    public async Task DirectInvoke_SnakeCaseContext_BindsThePayload_AndAnswersSnakeCase()
    {
        await using var host = await LambdaTestHost.StartAsync(b => SnakeCaseApp.Build(b), o => o.Handler = "quotes");

        var result = await host.Api.InvokeAsync(SnakeCaseApp.RequestJson);

        Assert.Equal(SnakeCaseApp.ResponseJson, result.Text);
    }

    [Fact]
    public async Task SqsStructuredCloudEvent_SnakeCaseData_Binds()
    {
        var bound = new List<string>();
        await using var host = await LambdaTestHost.StartAsync(b => SnakeCaseApp.Build(b, bound));
        var body = $$"""{"specversion":"1.0","id":"e-1","source":"/test","type":"{{SnakeCaseApp.EventType}}","datacontenttype":"application/json","data":{{SnakeCaseApp.RequestJson}}}""";

        var result = await host.Api.InvokeAsync(Events.Sqs(Events.SqsRecord("m-1", body)));

        Assert.Equal(0, result.Json.GetProperty("batchItemFailures").GetArrayLength());
        Assert.Equal(["MSFT"], bound);
    }
}
