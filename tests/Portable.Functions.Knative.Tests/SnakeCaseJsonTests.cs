using System.Net;
using System.Text;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Knative.Tests;

/// <summary>A context's own JSON options reach the wire through the Knative host, both ways.</summary>
public sealed class SnakeCaseJsonTests
{
    [Fact]
    public async Task TypedPost_SnakeCaseContext_BindsTheInput_AndAnswersSnakeCase()
    {
        await using var server = await TestServer.StartAsync(b => SnakeCaseApp.Build(b));

        using var response = await server.Client.PostAsync("/quotes", new StringContent(SnakeCaseApp.RequestJson, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SnakeCaseApp.ResponseJson, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BinaryCloudEvent_SnakeCaseData_Binds()
    {
        var bound = new List<string>();
        await using var server = await TestServer.StartAsync(b => SnakeCaseApp.Build(b, bound));
        using var request = SnakeCaseApp.BinaryEventRequest();

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["MSFT"], bound);
    }
}
