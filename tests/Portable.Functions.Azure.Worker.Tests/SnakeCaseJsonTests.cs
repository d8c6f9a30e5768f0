using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Azure.Worker.Tests;

/// <summary>A context's own JSON options reach the wire through the isolated-worker adapter, both ways.</summary>
public sealed class SnakeCaseJsonTests
{
    [Fact]
    public async Task HttpTrigger_SnakeCaseContext_BindsTheInput_AndAnswersSnakeCase()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        await using var app = SnakeCaseApp.Build(builder);
        var executor = new PortableFunctionExecutor(app, new AzureWorkerOptions());
        var context = new FakeFunctionContext("quotes");
        var request = new FakeHttpRequestData(context, "POST", new Uri("https://x/api/quotes"), new MemoryStream(Encoding.UTF8.GetBytes(SnakeCaseApp.RequestJson)));
        request.Headers.Add("Content-Type", "application/json");

        var response = await executor.InvokeHttpAsync(context, request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SnakeCaseApp.ResponseJson, Encoding.UTF8.GetString(((MemoryStream)response.Body).ToArray()));
    }
}
