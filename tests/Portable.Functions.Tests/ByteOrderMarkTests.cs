using System.Text;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>RFC 8259 §8.1: a parser may ignore a leading UTF-8 byte-order mark, and the pipeline does.</summary>
public sealed class ByteOrderMarkTests
{
    private static readonly byte[] s_bom = [0xEF, 0xBB, 0xBF];

    [Fact]
    public async Task TypedFunction_BodyWithByteOrderMark_Returns200()
    {
        await using var app = TestApp.Create(a => a.MapPost<Order, Receipt>("/orders", (o, c) => Task.FromResult(new Receipt(o.Id, "ok"))));
        var headers = new HeaderCollection();
        headers.Add("Content-Type", "application/json");

        var response = await app.Freeze().InvokeHttpAsync(FunctionRequest.WithBody("POST", "/orders", (byte[])[.. s_bom, .. """{"id":"o-1","quantity":1}"""u8], headers));

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("o-1", TestApp.BodyText(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventData_WithByteOrderMark_Deserializes()
    {
        string? id = null;
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) =>
        {
            id = e.Data.Id;
            return Task.CompletedTask;
        }));
        var cloudEvent = new CloudEvent("1", "/test", "order") { DataContentType = "application/json", Data = (byte[])[.. s_bom, .. """{"id":"o-2","quantity":1}"""u8] };

        var result = await app.Freeze().InvokeEventAsync(cloudEvent);

        Assert.Equal(EventOutcome.Success, result.Outcome);
        Assert.Equal("o-2", id);
    }

    [Fact]
    public void StructuredCloudEvent_WithByteOrderMark_Parses()
    {
        var cloudEvent = CloudEventJson.Parse((byte[])[.. s_bom, .. Encoding.UTF8.GetBytes("""{"specversion":"1.0","id":"e-1","source":"/s","type":"t"}""")]);

        Assert.Equal("e-1", cloudEvent.Id);
    }

    [Fact]
    public async Task ByteOrderMarkAlone_IsStillAnEmptyBody_400()
    {
        await using var app = TestApp.Create(a => a.MapPost<Order, Receipt>("/orders", (o, c) => Task.FromResult(new Receipt(o.Id, "ok"))));

        var response = await app.Freeze().InvokeHttpAsync(FunctionRequest.WithBody("POST", "/orders", s_bom, new HeaderCollection()));

        Assert.Equal(400, response.StatusCode);
    }
}
