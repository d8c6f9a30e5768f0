using System.Text;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

public sealed class CloudEventJsonTests
{
    private static CloudEvent Parse(string json) => CloudEventJson.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void StructuredEvent_ParsesAttributesExtensionsAndJsonData()
    {
        var cloudEvent = Parse("""
            {"specversion":"1.0","id":"A234-1234","source":"/orders","type":"com.example.order.placed",
             "time":"2026-11-25T10:00:00.120Z","subject":"o-1","traceparent":"00-abc","attempt":3,"urgent":true,
             "data":{"orderId":"o-1","quantity":2}}
            """);

        Assert.Equal("A234-1234", cloudEvent.Id);
        Assert.Equal("/orders", cloudEvent.Source);
        Assert.Equal("o-1", cloudEvent.Subject);
        Assert.Equal("2026-11-25T10:00:00.120Z", cloudEvent.TimeText);
        Assert.Equal(3, cloudEvent.Extensions["attempt"]);
        Assert.Equal(true, cloudEvent.Extensions["urgent"]);
        Assert.Equal("""{"orderId":"o-1","quantity":2}""", Encoding.UTF8.GetString(cloudEvent.Data.Span));
    }

    [Fact]
    public void RoundTrip_KeepsTimeTextExtensionsAndData()
    {
        const string Json = """{"specversion":"1.0","id":"1","source":"s","type":"t","time":"2020-09-29T11:32:00.000Z","ext":"v","data":{"a":[1,2]}}""";

        var written = Encoding.UTF8.GetString(CloudEventJson.Serialize(Parse(Json)));

        Assert.Equal(Json, written);
    }

    [Fact]
    public void Base64Data_IsDecoded_AndWrittenBackAsBase64()
    {
        var cloudEvent = Parse("""{"specversion":"1.0","id":"1","source":"s","type":"t","datacontenttype":"application/octet-stream","data_base64":"AAEC/w=="}""");

        Assert.Equal(new byte[] { 0, 1, 2, 255 }, cloudEvent.Data.ToArray());
        Assert.Contains("\"data_base64\":\"AAEC/w==\"", Encoding.UTF8.GetString(CloudEventJson.Serialize(cloudEvent)), StringComparison.Ordinal);
    }

    [Fact]
    public void TextData_WithTextContentType_IsTheStringBytes()
    {
        var cloudEvent = Parse("""{"specversion":"1.0","id":"1","source":"s","type":"t","datacontenttype":"text/plain","data":"héllo"}""");

        Assert.Equal("héllo", Encoding.UTF8.GetString(cloudEvent.Data.Span));
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","source":"s","type":"t"}""", "'id'")]
    [InlineData("""{"specversion":"1.0","id":"","source":"s","type":"t"}""", "'id'")]
    [InlineData("""{"specversion":"1.0","id":"1","type":"t"}""", "'source'")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s"}""", "'type'")]
    [InlineData("""{"id":"1","source":"s","type":"t"}""", "'specversion'")]
    [InlineData("""{"specversion":"0.3","id":"1","source":"s","type":"t"}""", "specversion")]
    [InlineData("""{"specversion":1.0,"id":"1","source":"s","type":"t"}""", "'specversion'")]
    [InlineData("""{"specversion":"1.0","id":1,"source":"s","type":"t"}""", "'id'")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","time":"yesterday"}""", "time")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","data":1,"data_base64":"AA=="}""", "both")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","data_base64":"not base64!"}""", "base64")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","Bad-Name":"x"}""", "attribute name")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","ext":{"nested":1}}""", "extension")]
    [InlineData("""["not","an","object"]""", "object")]
    [InlineData("""{"specversion":"1.0",""", "not valid JSON")]
    public void InvalidEvent_Throws400NamingTheProblem(string json, string expected)
    {
        var problem = Assert.Throws<FunctionProblemException>(() => Parse(json));

        Assert.Equal(400, problem.StatusCode);
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedData_Throws400()
    {
        var json = """{"specversion":"1.0","id":"1","source":"s","type":"t","data":""" + new string('[', 1000) + new string(']', 1000) + "}";

        Assert.Equal(400, Assert.Throws<FunctionProblemException>(() => Parse(json)).StatusCode);
    }

    [Fact]
    public void Batch_ParsesEveryEvent_AndRejectsNonArrays()
    {
        var events = CloudEventJson.ParseBatch(Encoding.UTF8.GetBytes("""[{"specversion":"1.0","id":"1","source":"s","type":"t"},{"specversion":"1.0","id":"2","source":"s","type":"t"}]"""));

        Assert.Equal(["1", "2"], events.Select(e => e.Id));
        Assert.Throws<FunctionProblemException>(() => CloudEventJson.ParseBatch(Encoding.UTF8.GetBytes("""{"specversion":"1.0"}""")));
    }

    // Parse reads valid events in one forward pass and leaves everything else to the document reader
    // (FromElement): both must give the same event, field for field and byte for byte.
    [Theory]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t"}""")]
    [InlineData("""  {"data":{"a":[1,2,{"b":null}]} , "type":"t","source":"s","id":"1","specversion":"1.0","datacontenttype":"application/json"}  """)]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","data":"h\u00e9llo \"q\"","datacontenttype":"text/plain"}""")]
    [InlineData("""{"data":"plain","specversion":"1.0","id":"1","source":"s","type":"t","datacontenttype":"text/plain"}""")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","data":"a json string"}""")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","data":42,"datacontenttype":"application/json"}""")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","data":null,"data_base64":"AAEC","datacontenttype":"application/octet-stream"}""")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","time":"2020-09-29T11:32:00+02:00","subject":"x","dataschema":"https://s"}""")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","ext":"a","ext":"b","num":2147483647,"flag":false,"none":null}""")]
    [InlineData("""{"specversion":"1.0","id":"1","id":"2","source":"s","type":"t"}""")]
    [InlineData("""{"specversion":"1.0","id":7,"id":"2","source":"s","type":"t"}""")]
    [InlineData("""{"specversion":"1.0","id":"\u0031","source":"s","type":"t","sub\u006aect":"escaped name"}""")]
    public void Parse_GivesTheSameEventAsTheDocumentReader(string json)
    {
        var parsed = Parse(json);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var expected = CloudEventJson.FromElement(document.RootElement);

        Assert.Equal(Encoding.UTF8.GetString(CloudEventJson.Serialize(expected)), Encoding.UTF8.GetString(CloudEventJson.Serialize(parsed)));
        Assert.Equal(expected.Data.ToArray(), parsed.Data.ToArray());
        Assert.Equal(expected.Extensions.OrderBy(e => e.Key, StringComparer.Ordinal), parsed.Extensions.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t"} trailing""")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","data":1,"data_base64":"AA=="}""")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","data_base64":7}""")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","time":"yesterday"}""")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","big":2147483648}""")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","subject":1}""")]
    [InlineData("""{"specversion":"0.3","id":"1","source":"s","type":"t"}""")]
    public void InvalidEvent_GetsTheDocumentReadersError(string json)
    {
        var problem = Assert.Throws<FunctionProblemException>(() => Parse(json));
        Exception? expected = null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            _ = CloudEventJson.FromElement(document.RootElement);
        }
        catch (Exception exception)
        {
            expected = exception;
        }

        Assert.Equal(400, problem.StatusCode);
        if (expected is FunctionProblemException documentProblem)
        {
            Assert.Equal(documentProblem.Detail, problem.Detail);
        }
        else
        {
            Assert.Contains("not valid JSON", problem.Detail, StringComparison.Ordinal);
        }
    }
}
