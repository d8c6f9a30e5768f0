namespace Portable.Functions.Aws.Tests;

/// <summary>The HTTP sources' quirks, on the project's own small fixtures.</summary>
public sealed class HttpMappingTests
{
    [Fact]
    public async Task RestApi_DecodedQueryValues_AreKept_AndReEscapedInTheRawQuery()
    {
        await using var app = new CapturingApp();

        await app.DispatchJsonAsync(Events.RestApi("GET", "/q", multiQuery: """{"t":["16:06:06+00:00"],"mv":["a","b"]}"""));

        var request = Assert.Single(app.Requests);
        Assert.Equal("16:06:06+00:00", request.Query["t"].ToString());
        Assert.Equal("a|b", string.Join("|", request.Query["mv"].ToArray()));
        Assert.Equal("t=16%3A06%3A06%2B00%3A00&mv=a&mv=b", request.QueryString);
    }

    [Fact]
    public async Task RestApi_QueryNamesDifferingInCase_AreTwoParameters()
    {
        await using var app = new CapturingApp();

        await app.DispatchJsonAsync(Events.RestApi("GET", "/q", multiQuery: """{"Key":["1"],"key":["2"]}"""));

        var request = Assert.Single(app.Requests);
        Assert.Equal("1", request.Query["Key"].ToString());
        Assert.Equal("2", request.Query["key"].ToString());
        Assert.Equal(2, request.Query.Count);
    }

    [Fact]
    public async Task HttpApi_DuplicateQueryKeys_ComeFromRawQueryString_NotTheCommaJoinedMap()
    {
        await using var app = new CapturingApp();

        await app.DispatchJsonAsync(Events.HttpApi("GET", "/q", "mv=value1&mv=value2&plus=a%2Bb"));

        var request = Assert.Single(app.Requests);
        Assert.Equal("value1|value2", string.Join("|", request.Query["mv"].ToArray()));
        Assert.Equal("a+b", request.Query["plus"].ToString());
    }

    [Fact]
    public async Task Alb_PercentEncodedQueryValues_AreDecodedOnce()
    {
        await using var app = new CapturingApp();

        await app.DispatchJsonAsync(Events.AlbSingle("GET", "/q", """{"t":"16%3A06%3A06%2B00%3A00"}"""));

        var request = Assert.Single(app.Requests);
        Assert.Equal("16:06:06+00:00", request.Query["t"].ToString());
        Assert.Equal("t=16%3A06%3A06%2B00%3A00", request.QueryString);
        Assert.Equal("192.0.2.44", request.RemoteIpAddress);
    }

    [Fact]
    public async Task Alb_QueryMap_KeepsOrder_AndARepeatedNameKeepsItsLastValue()
    {
        await using var app = new CapturingApp();

        await app.DispatchJsonAsync(Events.AlbSingle("GET", "/q", """{"b":"2","a":"1","b":"3","c":null}"""));
        await app.DispatchJsonAsync(Events.AlbSingle("GET", "/q", """{"b":"2","a":"1"}"""));

        Assert.Equal("b=3&a=1&c=", app.Requests[0].QueryString);
        Assert.Equal("b=2&a=1", app.Requests[1].QueryString);
    }

    [Fact]
    public async Task SingleValueHeaders_RepeatedExactName_KeepsTheLast_AndNamesDifferingInCaseKeepBoth()
    {
        await using var app = new CapturingApp();
        var alb = Events.AlbSingle("GET", "/h").Replace("\"host\":\"lb.example.com\"", "\"host\":\"lb.example.com\",\"X-Tag\":\"a\",\"x-tag\":\"b\",\"x-one\":\"1\",\"x-one\":\"2\"", StringComparison.Ordinal);

        await app.DispatchJsonAsync(alb);

        var headers = Assert.Single(app.Requests).Headers;
        Assert.Equal("a|b", string.Join("|", headers["x-tag"].ToArray()));
        Assert.Equal("2", headers["X-One"].ToString());
        Assert.Equal("lb.example.com", headers.GetFirst("Host"));
    }

    [Fact]
    public async Task SingleValueHeaders_ANonStringValue_Is400NamingTheMap()
    {
        await using var app = new CapturingApp();
        var alb = Events.AlbSingle("GET", "/h").Replace("\"host\":\"lb.example.com\"", "\"host\":7", StringComparison.Ordinal);

        var answer = await app.DispatchJsonAsync(alb);

        Assert.Empty(app.Requests);
        Assert.Equal(400, answer.GetProperty("statusCode").GetInt32());
        Assert.Contains("$.headers", answer.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpApi_CookiesArray_BecomesOneCookieHeader_WhenNoCookieHeaderIsPresent()
    {
        await using var app = new CapturingApp();

        await app.DispatchJsonAsync(Events.HttpApi("GET", "/c", cookies: """["a=1","b=2"]"""));

        var request = Assert.Single(app.Requests);
        Assert.Equal("a=1; b=2", request.Headers.GetFirst("Cookie"));
        Assert.Equal("2", request.Cookies["b"]);
    }

    [Fact]
    public async Task FunctionUrl_KeepsItsCookieHeader_WithoutAddingASecond()
    {
        await using var app = new CapturingApp();

        await app.DispatchJsonAsync(Events.FunctionUrl("GET", "/c", headers: """{"cookie":"s=1; t=2"}""").Replace("\"headers\"", "\"cookies\":[\"s=1\",\"t=2\"],\"headers\"", StringComparison.Ordinal));

        var request = Assert.Single(app.Requests);
        Assert.Equal("s=1; t=2", string.Join("|", request.Headers["Cookie"].ToArray()));
    }

    [Fact]
    public async Task HttpApi_NamedStage_IsStrippedForRouting_DefaultStageIsNot()
    {
        await using var app = new CapturingApp();

        await app.DispatchJsonAsync(Events.HttpApi("GET", "/beta/api/values", stage: "beta"));
        await app.DispatchJsonAsync(Events.HttpApi("GET", "/beta/api/values"));

        Assert.Equal("/api/values", app.Requests[0].Path);
        Assert.Equal("/beta/api/values", app.Requests[1].Path);
    }

    [Theory]
    [InlineData("/foo%2Fbar", "/foo%2Fbar")]
    [InlineData("/caf%C3%A9/x%20y", "/café/x y")]
    [InlineData("/bad%zz", "/bad%zz")]
    public void Path_IsDecodedExceptEncodedSlash(string raw, string expected) =>
        Assert.Equal(expected, UrlEncoding.DecodePath(raw));

    [Fact]
    public async Task Base64Body_IsDecodedToTheExactBytes()
    {
        await using var app = new CapturingApp();
        var bytes = new byte[] { 0, 1, 2, 250, 255 };

        await app.DispatchJsonAsync(Events.AlbSingle("PUT", "/bin", body: Convert.ToBase64String(bytes), base64: true));

        Assert.Equal(bytes, Assert.Single(app.Bodies));
    }

    [Fact]
    public async Task RestApi_CognitoClaims_BecomeTheUser()
    {
        await using var app = new CapturingApp();

        await app.DispatchJsonAsync(Events.RestApi("GET", "/me"));

        var user = Assert.Single(app.Requests).User;
        Assert.NotNull(user);
        Assert.Equal("user-1", user.FindFirst("sub")?.Value);
        Assert.Equal("198.51.100.9", app.Requests[0].RemoteIpAddress);
    }

    [Fact]
    public async Task HttpApi_JwtAuthorizerClaims_BecomeTheUser()
    {
        await using var app = new CapturingApp();
        var withJwt = Events.HttpApi("GET", "/me").Replace(
            "\"requestId\":\"r1\",",
            "\"requestId\":\"r1\",\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"user-2\",\"scope\":\"read\"},\"scopes\":null}},",
            StringComparison.Ordinal);

        await app.DispatchJsonAsync(withJwt);

        var user = Assert.Single(app.Requests).User;
        Assert.NotNull(user);
        Assert.Equal("aws:jwt", user.Identity?.AuthenticationType);
        Assert.Equal("user-2", user.FindFirst("sub")?.Value);
        Assert.Equal("203.0.113.7", app.Requests[0].RemoteIpAddress);
    }

    [Fact]
    public async Task HttpApiAndRestApi_WithoutAuthorizer_HaveNoUser()
    {
        await using var app = new CapturingApp();
        var restWithoutAuthorizer = Events.RestApi("GET", "/me").Replace(
            ",\"authorizer\":{\"claims\":{\"sub\":\"user-1\",\"email\":\"a@example.com\"}}",
            string.Empty,
            StringComparison.Ordinal);
        Assert.DoesNotContain("authorizer", restWithoutAuthorizer, StringComparison.Ordinal);

        await app.DispatchJsonAsync(Events.HttpApi("GET", "/me"));
        await app.DispatchJsonAsync(restWithoutAuthorizer);

        Assert.Equal(2, app.Requests.Count);
        Assert.All(app.Requests, request => Assert.Null(request.User));
        Assert.Equal("198.51.100.9", app.Requests[1].RemoteIpAddress);
    }

    [Fact]
    public async Task BinaryResponse_IsBase64_TextResponseIsNot()
    {
        await using var app = new CapturingApp { Respond = r => r.Path == "/bin" ? FunctionResponse.Bytes(new byte[] { 0, 255 }, "image/png") : FunctionResponse.Text("hé") };

        var binary = await app.DispatchJsonAsync(Events.HttpApi("GET", "/bin"));
        var text = await app.DispatchJsonAsync(Events.HttpApi("GET", "/txt"));

        Assert.True(binary.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(Convert.ToBase64String(new byte[] { 0, 255 }), binary.GetProperty("body").GetString());
        Assert.False(text.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("hé", text.GetProperty("body").GetString());
    }

    [Fact]
    public async Task EncodedTextResponse_IsBase64()
    {
        await using var app = new CapturingApp
        {
            Respond = _ =>
            {
                var response = FunctionResponse.Bytes(new byte[] { 0x1f, 0x8b, 0x08 }, "application/json");
                response.Headers.Set("Content-Encoding", "gzip");
                return response;
            },
        };

        var json = await app.DispatchJsonAsync(Events.HttpApi("GET", "/gz"));

        Assert.True(json.GetProperty("isBase64Encoded").GetBoolean());
    }

    [Fact]
    public async Task MultipleSetCookies_UseEachSourcesOwnCarrier()
    {
        await using var app = new CapturingApp
        {
            Respond = _ =>
            {
                var response = FunctionResponse.Text("ok");
                response.Headers.Add("Set-Cookie", "a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT");
                response.Headers.Add("Set-Cookie", "b=2");
                return response;
            },
        };

        var v2 = await app.DispatchJsonAsync(Events.HttpApi("GET", "/c"));
        var v1 = await app.DispatchJsonAsync(Events.RestApi("GET", "/c"));
        var albMulti = await app.DispatchJsonAsync(Events.AlbMulti("GET", "/c"));
        var albSingle = await app.DispatchJsonAsync(Events.AlbSingle("GET", "/c"));

        Assert.Equal(["a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT", "b=2"], v2.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.False(v2.GetProperty("headers").TryGetProperty("Set-Cookie", out _));
        Assert.Equal(2, v1.GetProperty("multiValueHeaders").GetProperty("Set-Cookie").GetArrayLength());
        Assert.Equal(2, albMulti.GetProperty("multiValueHeaders").GetProperty("Set-Cookie").GetArrayLength());
        Assert.Equal("a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT", albSingle.GetProperty("headers").GetProperty("Set-Cookie").GetString());
    }

    [Fact]
    public async Task HeadRequest_HasNoBody()
    {
        await using var app = new CapturingApp();

        var json = await app.DispatchJsonAsync(Events.HttpApi("HEAD", "/x"));

        Assert.Equal(string.Empty, json.GetProperty("body").GetString());
    }

    [Fact]
    public async Task EventWithoutMethod_Answers400()
    {
        await using var app = new CapturingApp();

        var json = await app.DispatchJsonAsync("""{"version":"2.0","rawPath":"/x","requestContext":{"http":{}}}""");

        Assert.Equal(400, json.GetProperty("statusCode").GetInt32());
        Assert.Empty(app.Requests);
    }

    [Fact]
    public async Task EventWithWrongFieldTypes_Answers400()
    {
        await using var app = new CapturingApp();

        var json = await app.DispatchJsonAsync("""{"httpMethod":"GET","path":"/x","requestContext":{},"headers":{"a":{"nested":true}}}""");

        Assert.Equal(400, json.GetProperty("statusCode").GetInt32());
        Assert.Contains("expected shape", json.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0", "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", null)]
    [InlineData("garbage", null)]
    [InlineData(null, null)]
    public void XRayHeader_BecomesTraceParent(string? xray, string? expected) =>
        Assert.Equal(expected, XRayTraceHeader.ToTraceParent(xray));
}
