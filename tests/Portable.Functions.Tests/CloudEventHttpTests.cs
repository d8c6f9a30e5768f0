using System.Text;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

public sealed class CloudEventHttpTests
{
    private static HeaderCollection BinaryHeaders(params (string Name, string Value)[] extra)
    {
        var headers = new HeaderCollection();
        headers.Add("ce-specversion", "1.0");
        headers.Add("ce-id", "42");
        headers.Add("ce-source", "/orders");
        headers.Add("ce-type", "com.example.order.placed");
        foreach (var (name, value) in extra)
        {
            headers.Set(name, value);
        }

        return headers;
    }

    [Fact]
    public void BinaryMode_ReadsHeadersContentTypeAndPercentEncodedExtensions()
    {
        var headers = BinaryHeaders(("Content-Type", "application/json"), ("ce-subject", "caf%C3%A9%20latte"), ("ce-myext", "a%25b"), ("ce-time", "2026-01-01T00:00:00+01:00"));

        var cloudEvent = CloudEventHttp.FromBinary(headers, Encoding.UTF8.GetBytes("{}"));

        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal("café latte", cloudEvent.Subject);
        Assert.Equal("a%b", cloudEvent.Extensions["myext"]);
        Assert.Equal(TimeSpan.FromHours(1), cloudEvent.Time!.Value.Offset);
    }

    [Theory]
    [InlineData("ce-specversion", "0.3")]
    [InlineData("ce-id", "")]
    [InlineData("ce-subject", "bad%ZZ")]
    [InlineData("ce-subject", "%C3%28")]
    [InlineData("ce-datacontenttype", "application/json")]
    [InlineData("ce-time", "not-a-time")]
    public void BinaryMode_InvalidAttributes_Throw400(string name, string value)
    {
        var headers = BinaryHeaders((name, value));

        Assert.Equal(400, Assert.Throws<FunctionProblemException>(() => CloudEventHttp.FromBinary(headers, default)).StatusCode);
    }

    [Fact]
    public void BinaryMode_MissingType_Throws400()
    {
        var headers = BinaryHeaders();
        headers.Remove("ce-type");

        Assert.Equal(400, Assert.Throws<FunctionProblemException>(() => CloudEventHttp.FromBinary(headers, default)).StatusCode);
    }

    [Fact]
    public void ReplyInBinaryMode_PercentEncodesHeaderValues()
    {
        var cloudEvent = new CloudEvent("1", "/s", "t") { Subject = "a \"q\" é", DataContentType = "text/plain", Data = Encoding.UTF8.GetBytes("hi") };
        cloudEvent.SetExtension("count", 3);

        var response = CloudEventHttp.ToResponse(cloudEvent, CloudEventContentMode.Binary);

        Assert.Equal("a%20%22q%22%20%C3%A9", response.Headers.GetFirst("ce-subject"));
        Assert.Equal("3", response.Headers.GetFirst("ce-count"));
        Assert.Equal("text/plain", response.ContentType);
        var back = CloudEventHttp.FromBinary(response.Headers, Encoding.UTF8.GetBytes("hi"));
        Assert.Equal(cloudEvent.Subject, back.Subject);
    }

    [Theory]
    [InlineData("application/cloudevents+json", CloudEventContentMode.Structured)]
    [InlineData("application/cloudevents-batch+json; charset=utf-8", CloudEventContentMode.Batch)]
    [InlineData("application/json", CloudEventContentMode.Binary)]
    public void ContentMode_FollowsTheBindingsDetectionRule(string contentType, CloudEventContentMode expected)
    {
        var request = new FunctionRequest("POST", "/");
        request.Headers.Add("Content-Type", contentType);

        Assert.Equal(expected, CloudEventHttp.GetContentMode(request));
    }

    [Fact]
    public async Task StructuredModeInAnotherFormat_Throws415()
    {
        var headers = new HeaderCollection();
        headers.Add("Content-Type", "application/cloudevents+avro");
        var request = FunctionRequest.WithBody("POST", "/", new byte[] { 1 }, headers);

        var problem = await Assert.ThrowsAsync<FunctionProblemException>(() => CloudEventHttp.ReadAsync(request, 1024, default).AsTask());

        Assert.Equal(415, problem.StatusCode);
    }
}
