using System.Net;
using System.Text;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Gcp.Tests;

/// <summary>A context's own JSON options reach the wire through the GCF host, both ways.</summary>
public sealed class SnakeCaseJsonTests
{
    [Fact]
    public async Task TypedTarget_SnakeCaseContext_BindsTheInput_AndAnswersSnakeCase()
    {
        await using var server = await GcpTestServer.StartAsync("quotes", a => SnakeCaseApp.Map(a, []), setup: b => b.AddJsonContext(SnakeCaseJsonContext.Default));

        using var response = await server.Client.PostAsync("/", new StringContent(SnakeCaseApp.RequestJson, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SnakeCaseApp.ResponseJson, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CloudEventTarget_SnakeCaseData_Binds()
    {
        var bound = new List<string>();
        await using var server = await GcpTestServer.StartAsync("com-example-quote-requested", a => SnakeCaseApp.Map(a, bound), setup: b => b.AddJsonContext(SnakeCaseJsonContext.Default));
        using var request = SnakeCaseApp.BinaryEventRequest();

        using var response = await server.Client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal(["MSFT"], bound);
    }
}
