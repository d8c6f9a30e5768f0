using System.Text;
using System.Text.Json;

namespace Portable.Functions.OpenWhisk.Tests;

/// <summary>The action interface (docs/actions-new.md) on the HelloHttp sample, without a server.</summary>
public sealed class OpenWhiskRuntimeTests
{
    private const string OrderEvent = """{"specversion":"1.0","id":"e-1","source":"/shop","type":"com.example.order.placed","datacontenttype":"application/json","data":{"orderId":"o-7","quantity":3}}""";

    [Fact]
    public async Task Init_Answers200_ThenReinit_Answers403WithErrorObject()
    {
        await using var fixture = RuntimeFixture.Sample();

        var first = fixture.Init();
        var second = fixture.Init();

        Assert.Equal(200, first.StatusCode);
        Assert.True(fixture.Runtime.IsInitialized);
        Assert.Equal(403, second.StatusCode);
        using var error = JsonDocument.Parse(second.Body);
        Assert.Equal(JsonValueKind.Object, error.RootElement.GetProperty("error").ValueKind);
        Assert.Single(error.RootElement.EnumerateObject());
        Assert.Contains("more than once", error.RootElement.GetProperty("error").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BeforeInit_Answers502WithErrorObject()
    {
        await using var fixture = RuntimeFixture.Sample();

        var answer = await fixture.RunAsync("{}");

        Assert.Equal(502, answer.StatusCode);
        Assert.Contains("\"error\"", RuntimeFixture.Text(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_ExportsEnv_ToTheProcessEnvironment()
    {
        await using var fixture = RuntimeFixture.Sample();

        fixture.Init(env: new Dictionary<string, string> { ["PF_OW_TEST_INIT_ENV"] = "from-init" });

        Assert.Equal("from-init", Environment.GetEnvironmentVariable("PF_OW_TEST_INIT_ENV"));
    }

    [Fact]
    public async Task Init_MalformedBody_Answers400_AndLeavesTheActionUninitialized()
    {
        await using var fixture = RuntimeFixture.Sample();

        var answer = fixture.Runtime.Init("{\"value\": 42}"u8);

        Assert.Equal(400, answer.StatusCode);
        Assert.False(fixture.Runtime.IsInitialized);
        Assert.Equal(200, fixture.Init().StatusCode);
    }

    [Fact]
    public async Task RawWebAction_GetHello_AnswersTextBody()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init();

        var answer = await fixture.RunAsync(OpenWhiskPayloads.RawWeb("GET", "/hello", "name=Ada"));

        Assert.Equal(200, answer.StatusCode);
        var (status, headers, body) = OpenWhiskPayloads.ReadWebResult(answer.Body);
        Assert.Equal(200, status);
        Assert.Equal("Hello, Ada!", Encoding.UTF8.GetString(body));
        Assert.StartsWith("text/plain", headers.GetProperty("Content-Type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonRawWebAction_Get_RebuildsTheQueryFromParameters()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init();

        var answer = await fixture.RunAsync("""{"name":"Grace","__ow_method":"get","__ow_headers":{"accept":"*/*"},"__ow_path":"/hello"}""");

        var (status, _, body) = OpenWhiskPayloads.ReadWebResult(answer.Body);
        Assert.Equal(200, status);
        Assert.Equal("Hello, Grace!", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task RawWebAction_PostOrders_Base64Json_AnswersJsonReceipt()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init();

        var answer = await fixture.RunAsync(OpenWhiskPayloads.RawWeb("POST", "/orders", body: """{"id":"o-1","quantity":2}"""u8.ToArray(), contentType: "application/json"));

        var (status, _, body) = OpenWhiskPayloads.ReadWebResult(answer.Body);
        Assert.Equal(200, status);
        using var receipt = JsonDocument.Parse(body);
        Assert.Equal("o-1", receipt.RootElement.GetProperty("id").GetString());
        Assert.Equal("accepted", receipt.RootElement.GetProperty("status").GetString());
        // A JSON object body travels as a JSON value, which the controller sends as application/json.
        using var raw = JsonDocument.Parse(answer.Body);
        Assert.Equal(JsonValueKind.Object, raw.RootElement.GetProperty("body").ValueKind);
    }

    [Fact]
    public async Task NonRawWebAction_PostOrders_RebuildsTheJsonBodyFromParameters()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init();

        var answer = await fixture.RunAsync("""{"id":"o-2","quantity":1,"__ow_method":"post","__ow_headers":{"content-type":"application/json"},"__ow_path":"/orders"}""");

        var (status, _, body) = OpenWhiskPayloads.ReadWebResult(answer.Body);
        Assert.Equal(200, status);
        Assert.Contains("\"o-2\"", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebAction_InvalidBase64Body_IsA400ProblemResponse_NotAFailedActivation()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init();

        var answer = await fixture.RunAsync("""{"__ow_method":"post","__ow_headers":{"content-type":"application/json"},"__ow_path":"/orders","__ow_query":"","__ow_body":"%%%not base64"}""");

        Assert.Equal(200, answer.StatusCode);
        var (status, headers, body) = OpenWhiskPayloads.ReadWebResult(answer.Body);
        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", headers.GetProperty("Content-Type").GetString());
        Assert.Contains("base64", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebAction_BinaryAndCookies_MapToBase64AndASetCookieArray()
    {
        await using var fixture = RuntimeFixture.Create(builder =>
        {
            var app = builder.Build();
            app.MapPost("/echo", async (request, context) =>
            {
                using var copy = new MemoryStream();
                await request.Body.CopyToAsync(copy, context.CancellationToken);
                var response = FunctionResponse.Bytes(copy.ToArray(), "application/octet-stream", 201);
                response.Cookies.Add("a=1; Path=/");
                response.Cookies.Add("b=2; Path=/");
                return response;
            });
            return app;
        });
        fixture.Init();
        byte[] payload = [0, 1, 2, 250, 255, 10, 13];

        var answer = await fixture.RunAsync(OpenWhiskPayloads.RawWeb("POST", "/echo", body: payload, contentType: "application/octet-stream"));

        var (status, headers, body) = OpenWhiskPayloads.ReadWebResult(answer.Body);
        Assert.Equal(201, status);
        Assert.Equal(payload, body);
        Assert.Equal(["a=1; Path=/", "b=2; Path=/"], headers.GetProperty("Set-Cookie").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task NonWeb_TypedFunctionNamedByMain_AnswersItsOutputObject()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init(main: "orders");

        var answer = await fixture.RunAsync("""{"id":"o-9","quantity":4}""");

        Assert.Equal(200, answer.StatusCode);
        using var receipt = JsonDocument.Parse(answer.Body);
        Assert.Equal("o-9", receipt.RootElement.GetProperty("id").GetString());
        Assert.Equal(4, receipt.RootElement.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task NonWeb_TypedFunctionNamedByTheAction_BadInput_AnswersTheErrorObjectWith400()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init(name: "orders");

        var answer = await fixture.RunAsync("""{"id":"","quantity":0}""", activationId: "act-400");

        Assert.Equal(400, answer.StatusCode);
        using var error = JsonDocument.Parse(answer.Body);
        Assert.Equal("act-400", error.RootElement.GetProperty("error").GetProperty("invocationId").GetString());
    }

    [Fact]
    public async Task NonWeb_CloudEvent_AnswersTheReplyEvent()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init();

        var answer = await fixture.RunAsync(OrderEvent);

        Assert.Equal(200, answer.StatusCode);
        using var reply = JsonDocument.Parse(answer.Body);
        Assert.Equal("com.example.order.confirmed", reply.RootElement.GetProperty("type").GetString());
        Assert.Equal("o-7", reply.RootElement.GetProperty("data").GetProperty("id").GetString());
    }

    [Fact]
    public async Task NonWeb_TriggerParameters_ReachTheNamedEventFunction()
    {
        await using var fixture = RuntimeFixture.Sample(o => o.Function = "order-placed");
        fixture.Init();

        var answer = await fixture.RunAsync("""{"orderId":"o-8","quantity":1}""", activationId: "act-trigger");

        Assert.Equal(200, answer.StatusCode);
        using var reply = JsonDocument.Parse(answer.Body);
        Assert.Equal("act-trigger-confirmed", reply.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task NonWeb_UnknownCloudEventType_IsAFailedActivation()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init();

        var answer = await fixture.RunAsync(OrderEvent.Replace("com.example.order.placed", "com.example.unknown", StringComparison.Ordinal));

        Assert.NotEqual(200, answer.StatusCode);
        Assert.Contains("\"error\"", RuntimeFixture.Text(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonWeb_WithoutATarget_Answers404ErrorObject()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init();

        var answer = await fixture.RunAsync("""{"anything":1}""");

        Assert.Equal(404, answer.StatusCode);
        Assert.Contains("\"error\"", RuntimeFixture.Text(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFunctionOption_FailsAtConstruction()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RuntimeFixture.Sample(o => o.Function = "nope"));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MalformedEnvelope_Answers400ErrorObject()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init();

        var answer = await fixture.Runtime.RunAsync("{\"value\": {}, \"deadline\": \"soon\"}"u8.ToArray(), CancellationToken.None, CancellationToken.None);

        Assert.Equal(400, answer.StatusCode);
        Assert.StartsWith("{\"error\":", RuntimeFixture.Text(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ByteOrderMarkBeforeTheEnvelope_IsIgnored()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init(main: "orders");

        var answer = await fixture.Runtime.RunAsync(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(OpenWhiskPayloads.Run("""{"id":"o-3","quantity":1}""")).ToArray(), CancellationToken.None, CancellationToken.None);

        Assert.Equal(200, answer.StatusCode);
    }

    [Fact]
    public async Task Run_ActivationContext_ReachesTheHandler()
    {
        string? seen = null;
        await using var fixture = RuntimeFixture.Create(builder =>
        {
            var app = builder.Build();
            app.MapGet("/ctx", (request, context) =>
            {
                var native = context.GetNative<OpenWhiskActivation>();
                seen = $"{context.InvocationId}|{context.Platform.Name}|{context.Platform.Get(OpenWhiskPlatformProperties.ActionName)}|{native?.TransactionId}|{context.Deadline.ToUnixTimeMilliseconds()}";
                return Task.FromResult(new FunctionResponse(204));
            });
            return app;
        });
        fixture.Init();
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeMilliseconds());

        await fixture.RunAsync(OpenWhiskPayloads.RawWeb("GET", "/ctx"), activationId: "act-ctx", deadline: deadline);

        Assert.Equal($"act-ctx|openwhisk|/guest/hello-app|tid-act-ctx|{deadline.ToUnixTimeMilliseconds()}", seen);
    }

    [Fact]
    public async Task Run_PastTheDeadline_CancelsTheHandler_AndAnswers504()
    {
        await using var fixture = RuntimeFixture.Create(builder =>
        {
            var app = builder.Build();
            app.MapGet("/slow", async (request, context) =>
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return new FunctionResponse(200);
            });
            return app;
        }, setup: b => b.Options.DeadlineGracePeriod = TimeSpan.Zero);
        fixture.Init();

        var answer = await fixture.RunAsync(OpenWhiskPayloads.RawWeb("GET", "/slow"), deadline: DateTimeOffset.UtcNow.AddMilliseconds(200));

        var (status, _, _) = OpenWhiskPayloads.ReadWebResult(answer.Body);
        Assert.Equal(504, status);
    }

    [Fact]
    public async Task EveryRun_EndsWithTheSentinel_OnStdoutAndStderr()
    {
        await using var fixture = RuntimeFixture.Sample();
        fixture.Init();

        await fixture.RunAsync(OpenWhiskPayloads.RawWeb("GET", "/hello"));
        await fixture.RunAsync("""{"anything":1}""");

        Assert.Equal(2, Count(fixture.Output.ToString()));
        Assert.Equal(2, Count(fixture.Error.ToString()));

        static int Count(string text) => text.Split('\n').Count(line => line.TrimEnd('\r') == "XXX_THE_END_OF_A_WHISK_ACTIVATION_XXX");
    }
}
