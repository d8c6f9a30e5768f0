namespace Portable.Benchmarks.ColdStart;

/// <summary>
/// Every subject the harness knows. Adding one is one entry: an app, a probe, its baseline and the
/// environment that selects the platform. Subjects whose adapter is not referenced by the sample yet
/// are listed as skipped, with the reason.
/// </summary>
internal static class SubjectCatalog
{
    public const string KestrelBaseline = "slim";
    public const string LambdaBaseline = "lambda-loop";
    public const string AwsOnly = "aws-only";
    public const string AwsOnlyTuned = "aws-only-tuned";
    public const string LambdaBaselineTuned = "lambda-loop-tuned";
    public const string LambdaBaselineAsBootstrap = "lambda-loop-as-bootstrap";
    public const string LambdaSocketLoop = "lambda-loop-socket";
    public const string KestrelBaselineHydrated = "slim-hydrated";
    public const string NodePeer = "node-ff";

    private static readonly Dictionary<string, string> s_none = [];

    // Runtime settings a user can give the managed Lambda runtime (function environment variables, or
    // <TieredPGO>false</TieredPGO> and <ConcurrentGarbageCollection>false</ConcurrentGarbageCollection> in
    // the project): no instrumented tier for methods with loops, no background GC thread created at start.
    private static readonly Dictionary<string, string> s_managedTuning = new()
    {
        ["DOTNET_TieredPGO"] = "0",
        ["DOTNET_gcConcurrent"] = "0",
    };

    private static Dictionary<string, string> With(Dictionary<string, string> environment, Dictionary<string, string> more) =>
        new(environment.Concat(more));
    private const string OrderCloudEvent = """{"specversion":"1.0","id":"partition:0/offset:15","source":"/apis/v1/namespaces/shop/kafkasources/orders#orders","type":"com.example.order.placed","datacontenttype":"application/json","data":{"orderId":"o-1","quantity":2,"unitPrice":5}}""";

    public static IReadOnlyList<SubjectSpec> Create(Workspace workspace, FakeLambdaRuntimeApi lambdaApi)
    {
        var sample = new DotNetApp("samples/HelloHttp", "HelloHttp");
        var sampleAwsOnly = new DotNetApp("samples/HelloHttp", "HelloHttp", "aws", "PortableHost=aws");
        var sampleNoTelemetry = new DotNetApp("samples/HelloHttp", "HelloHttp", "nootel", "PortableTelemetry=off");
        var hello = new HttpProbe("GET", "/hello", 200, "Hello, world!");
        var shop = new DotNetApp("samples/MultiCloudShop", "MultiCloudShop") { Modes = [BuildMode.NativeAot] };
        var shopAwsOnly = new DotNetApp("samples/MultiCloudShop", "MultiCloudShop", "aws", "PortableHost=aws") { Modes = [BuildMode.NativeAot] };
        var backend = new DotNetApp("samples/HybridGateway/Backend", "Backend") { Modes = [BuildMode.NativeAot] };
        var gatewayAwsOnly = new DotNetApp("samples/HybridGateway/Gateway", "Gateway", "aws", "PortableHost=aws") { Modes = [BuildMode.NativeAot] };
        var eventPipeline = new DotNetApp("samples/EventPipeline", "EventPipeline");
        var lambdaHello = LambdaProbe.FromPayloadFile(lambdaApi, "apigw-v2-hello.json", "Hello, world!");
        string? SampleLacks(string adapter) => SampleReferences(workspace, adapter)
            ? null
            : $"samples/HelloHttp does not reference {adapter} on this checkout (merge main once the adapter lands)";

        return
        [
            new("knative", "Portable Knative/local host (samples/HelloHttp)", sample, hello, KestrelBaseline, s_none),
            // The same binary with OpenTelemetry switched on by the standard variables (OTLP to a closed
            // loopback port: exports happen in the background and fail quietly); "knative" is the same
            // sample with UseOpenTelemetry() called and no OTEL_* variable, i.e. switched off.
            new("knative-otel", "Portable Knative/local host with OpenTelemetry on (OTLP traces + metrics)", sample, hello, KestrelBaseline,
                new Dictionary<string, string>
                {
                    ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
                    ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                    ["OTEL_LOGS_EXPORTER"] = "none",
                }),
            new("knative-nootel", "Portable Knative/local host, telemetry feature switch off (-p:PortableTelemetry=off: the SDK trimmed away)", sampleNoTelemetry, hello, KestrelBaseline, s_none),
            new("gcf", "Portable GCF mode (FUNCTION_TARGET=hello)", sample, hello, KestrelBaseline,
                new Dictionary<string, string> { ["FUNCTION_TARGET"] = "hello", ["K_SERVICE"] = "hello" }, SampleLacks("Portable.Functions.Gcp")),
            new("aws", "Portable AWS Lambda bootstrap (API GW v2 event)", sample, lambdaHello, LambdaBaseline,
                new Dictionary<string, string> { ["_HANDLER"] = "hello", ["AWS_LAMBDA_FUNCTION_NAME"] = "coldstart" }, SampleLacks("Portable.Functions.Aws")),
            new(AwsOnly, "Portable AWS Lambda bootstrap, Lambda-only build (-p:PortableHost=aws)", sampleAwsOnly, lambdaHello, LambdaBaseline,
                new Dictionary<string, string> { ["_HANDLER"] = "hello", ["AWS_LAMBDA_FUNCTION_NAME"] = "coldstart" }, SampleLacks("Portable.Functions.Aws")),
            // The same two builds with runtime settings a user can give the managed runtime (evaluated for
            // issue 18; no reproducible gain on the loaded machine, so the generated files do not set them).
            new(AwsOnlyTuned, "Portable AWS Lambda bootstrap, Lambda-only build, DOTNET_TieredPGO=0 DOTNET_gcConcurrent=0", sampleAwsOnly, lambdaHello, LambdaBaselineTuned,
                With(new Dictionary<string, string> { ["_HANDLER"] = "hello", ["AWS_LAMBDA_FUNCTION_NAME"] = "coldstart" }, s_managedTuning), SampleLacks("Portable.Functions.Aws")),
            new("azure", "Portable Azure custom handler (HTTP trigger payload)", sample,
                HttpProbe.PostPayload("/hello", "azure-http-hello.json", "Hello, world!", "FUNCTIONS_CUSTOMHANDLER_PORT"), KestrelBaseline,
                s_none, SampleLacks("Portable.Functions.Azure")),
            // OpenFaaS: the function's own server as of-watchdog (mode=http) forks it; the probe stands in for
            // the watchdog and times the first forwarded request's answer.
            new("openfaas", "Portable OpenFaaS (behind of-watchdog, mode=http)", sample,
                new HttpProbe("GET", "/hello", 200, "Hello, world!", "upstream_url", PortFormat: "http://127.0.0.1:{0}"), KestrelBaseline,
                new Dictionary<string, string> { ["mode"] = "http", ["fprocess"] = "HelloHttp" }, SampleLacks("Portable.Functions.OpenFaaS")),
            new("openwhisk", "Portable OpenWhisk action (/init, then a web-action /run)", sample, new OpenWhiskProbe(), KestrelBaseline,
                new Dictionary<string, string> { ["__OW_API_HOST"] = "http://127.0.0.1:3233" }, SampleLacks("Portable.Functions.OpenWhisk")),
            // The issue-20 samples: each sample's Knative-side and Lambda-side start, to its first real answer.
            new("shop-knative", "samples/MultiCloudShop on the Knative/local host (POST /orders, typed JSON + validation)", shop,
                new HttpProbe("POST", "/orders", 200, "\"status\":\"placed\"", Body: ShopOrder), KestrelBaseline, s_none),
            new("shop-aws", "samples/MultiCloudShop Lambda-only bootstrap (API GW v2 POST /orders)", shopAwsOnly,
                LambdaProbe.FromPayloadFile(lambdaApi, "apigw-v2-shop-order.json", "placed"), LambdaBaseline,
                new Dictionary<string, string> { ["_HANDLER"] = "bootstrap", ["AWS_LAMBDA_FUNCTION_NAME"] = "coldstart" }),
            new("backend-knative", "samples/HybridGateway Backend on the Knative host (GET /stock/MUG-01)", backend,
                new HttpProbe("GET", "/stock/MUG-01", 200, "\"available\":40"), KestrelBaseline, s_none),
            // The gateway's first request builds its IHttpClientFactory client and connects: the backend
            // address is a closed loopback port, so the timed answer is its 502 (refused in microseconds).
            new("gateway-aws", "samples/HybridGateway Gateway Lambda-only bootstrap (API GW v2, first forward → 502 refused)", gatewayAwsOnly,
                LambdaProbe.FromPayloadFile(lambdaApi, "apigw-v2-gateway-stock.json", "The backend could not be reached."), LambdaBaseline,
                new Dictionary<string, string> { ["_HANDLER"] = "bootstrap", ["AWS_LAMBDA_FUNCTION_NAME"] = "coldstart", ["Backend__BaseUrl"] = "http://127.0.0.1:9/" }),
            // samples/EventPipeline: the first Kafka record as each platform delivers it (a KafkaSource's
            // CloudEvent over HTTP; an MSK event on the Runtime API), answered by the order function.
            new("eventpipeline-knative", "EventPipeline on the Knative host (a KafkaSource-delivered order CloudEvent)", eventPipeline,
                new HttpProbe("POST", "/", 200, "processed", Body: OrderCloudEvent, ContentType: "application/cloudevents+json"), KestrelBaseline, s_none),
            new("eventpipeline-aws", "EventPipeline Lambda bootstrap (Amazon MSK event, one binary-mode order record)", eventPipeline,
                LambdaProbe.FromPayloadFile(lambdaApi, "msk-order.json", "{}"), LambdaBaseline,
                new Dictionary<string, string> { ["_HANDLER"] = "process-order", ["AWS_LAMBDA_FUNCTION_NAME"] = "coldstart" }),
            new(KestrelBaseline, "Baseline: bare CreateSlimBuilder hello", new DotNetApp("benchmarks/Baselines/SlimHello", "SlimHello"), hello, null, s_none),
            new(LambdaBaseline, "Baseline: hand-written Lambda loop, no SDK", new DotNetApp("benchmarks/Baselines/ManualLambdaLoop", "ManualLambdaLoop"), lambdaHello, null, s_none),
            // A reference, not a target's baseline: the same loop over a socket, the adapter's transport.
            new(LambdaSocketLoop, "Reference: hand-written Lambda loop over a raw HTTP/1.1 socket (no System.Net.Http), no SDK", new DotNetApp("benchmarks/Baselines/SocketLambdaLoop", "SocketLambdaLoop"), lambdaHello, null, s_none),
            new(LambdaBaselineTuned, "Baseline: hand-written Lambda loop, DOTNET_TieredPGO=0 DOTNET_gcConcurrent=0", new DotNetApp("benchmarks/Baselines/ManualLambdaLoop", "ManualLambdaLoop"), lambdaHello, null, s_managedTuning),

            // The Lambda-only sample build publishes with IlcDehydrate=false and PositionIndependentExecutable=false
            // (start-up settings anyone can use): these baselines get the same settings, so the SDK's own
            // start-up cost shows apart from theirs.
            new(KestrelBaselineHydrated, "Baseline: bare CreateSlimBuilder hello, IlcDehydrate=false", Hydrated("benchmarks/Baselines/SlimHello", "SlimHello"), hello, null, s_none),
            new(LambdaBaselineAsBootstrap, "Baseline: hand-written Lambda loop, IlcDehydrate=false PositionIndependentExecutable=false (the Lambda-only build's settings)",
                new DotNetApp("benchmarks/Baselines/ManualLambdaLoop", "ManualLambdaLoop", "as-bootstrap", "IlcDehydrate=false", "PositionIndependentExecutable=false") { Modes = [BuildMode.NativeAot] },
                lambdaHello, null, s_none),
            new(NodePeer, "Peer: Node.js @google-cloud/functions-framework", new NodeApp("benchmarks/Baselines/NodeHello", "@google-cloud/functions-framework", ["--target=hello"]), hello, null, s_none),
        ];
    }

    private const string ShopOrder = "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"MUG-01\",\"quantity\":2}]}";

    private static DotNetApp Hydrated(string project, string assembly) =>
        new(project, assembly, "hydrated", "IlcDehydrate=false") { Modes = [BuildMode.NativeAot] };

    private static bool SampleReferences(Workspace workspace, string project)
    {
        var csproj = Path.Combine(workspace.RepositoryRoot, "samples", "HelloHttp", "HelloHttp.csproj");
        return File.Exists(csproj) && File.ReadAllText(csproj).Contains(project + ".csproj", StringComparison.Ordinal);
    }
}
