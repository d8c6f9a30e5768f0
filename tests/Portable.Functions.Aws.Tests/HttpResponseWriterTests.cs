using System.Text;
using System.Text.Json;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// The native response JSON is written by hand (no serializer); these pin its exact bytes: field
/// order, omitted fields, escaping as System.Text.Json's default encoder does it, base64 bodies.
/// </summary>
public sealed class HttpResponseWriterTests
{
    [Fact]
    public void HttpApiResponse_WithHeadersAndCookies_HasTheDocumentedFieldsInOrder()
    {
        var response = FunctionResponse.Text("Hello, Ada!");
        response.Headers.Add("X-Trace", new Microsoft.Extensions.Primitives.StringValues(["a", "b"]));
        response.Cookies.Add("id=1; Path=/");
        response.Cookies.Add("theme=dark");

        var json = Write(response, HttpEventKind.HttpApi);

        Assert.Equal(
            """{"statusCode":200,"headers":{"Content-Type":"text/plain; charset=utf-8","X-Trace":"a, b"},"cookies":["id=1; Path=/","theme=dark"],"body":"Hello, Ada!","isBase64Encoded":false}""",
            json);
    }

    [Fact]
    public void EmptyResponse_OmitsHeadersAndCookies()
    {
        Assert.Equal("""{"statusCode":204,"body":"","isBase64Encoded":false}""", Write(new FunctionResponse(204), HttpEventKind.FunctionUrl));
    }

    [Fact]
    public void HtmlSensitiveAndNonAsciiText_IsEscapedAsTheSerializerWouldEscapeIt()
    {
        const string text = "<b>\"café\" & 'ü'</b>\n";

        var json = Write(FunctionResponse.Text(text), HttpEventKind.HttpApi);

        Assert.Contains("\"body\":" + JsonSerializer.Serialize(text, TestJsonContext.Default.String) + ",", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(text, document.RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public void TextThatIsNotUtf8_AndBinary_GoAsBase64()
    {
        byte[] latin1 = [0x63, 0x61, 0x66, 0xE9];
        var text = FunctionResponse.Bytes(latin1, "text/plain; charset=iso-8859-1");
        var binary = FunctionResponse.Bytes(new byte[] { 0, 1, 2, 255 }, "application/octet-stream");

        Assert.Equal("""{"statusCode":200,"headers":{"Content-Type":"text/plain; charset=iso-8859-1"},"body":"Y2Fm6Q==","isBase64Encoded":true}""", Write(text, HttpEventKind.HttpApi));
        Assert.Contains("\"body\":\"AAEC/w==\",\"isBase64Encoded\":true", Write(binary, HttpEventKind.RestApi), StringComparison.Ordinal);
    }

    [Fact]
    public void AlbSingleValue_HasStatusDescription_AndOnlyTheFirstCookie()
    {
        var response = FunctionResponse.Text("ok");
        response.Cookies.Add("a=1");
        response.Cookies.Add("b=2");

        Assert.Equal(
            """{"statusCode":200,"statusDescription":"200 OK","headers":{"Content-Type":"text/plain; charset=utf-8","Set-Cookie":"a=1"},"body":"ok","isBase64Encoded":false}""",
            Write(response, HttpEventKind.AlbSingleValue));
    }

    [Fact]
    public void RestApiAndAlbMultiValue_UseMultiValueHeaders_WithEveryCookie()
    {
        var response = FunctionResponse.Text("ok");
        response.Cookies.Add("a=1");
        response.Cookies.Add("b=2");

        Assert.Equal(
            """{"statusCode":200,"multiValueHeaders":{"Content-Type":["text/plain; charset=utf-8"],"Set-Cookie":["a=1","b=2"]},"body":"ok","isBase64Encoded":false}""",
            Write(response, HttpEventKind.RestApi));
        Assert.StartsWith("""{"statusCode":404,"statusDescription":"404 NotFound","multiValueHeaders":""", Write(new FunctionResponse(404) { ContentType = "text/plain" }, HttpEventKind.AlbMultiValue), StringComparison.Ordinal);
    }

    private static string Write(FunctionResponse response, HttpEventKind kind)
    {
        var body = response.Body.TryGetBytes(out var bytes) ? bytes.ToArray() : [];
        return Encoding.UTF8.GetString(AwsHttpMapper.Write(response, kind, body));
    }
}
