using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp.Tests;

/// <summary>
/// The conformance functions, served the way the conformance client runs them: one server per signature
/// type, each function writing what it received to its own <c>function_output.json</c> (HTTP: the raw
/// body; CloudEvent: the structured JSON of the event; legacy: <c>{"data", "context"}</c>).
/// </summary>
public sealed class ConformanceServers : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gcp-conformance-" + Guid.NewGuid().ToString("N"));
    private readonly List<GcpTestServer> _servers = [];

    internal GcpTestServer Http { get; private set; } = null!;

    internal GcpTestServer Typed { get; private set; } = null!;

    internal GcpTestServer CloudEvent { get; private set; } = null!;

    internal GcpTestServer Legacy { get; private set; } = null!;

    public string OutputFile(string function) => Path.Combine(_root, function, "function_output.json");

    public async Task InitializeAsync()
    {
        foreach (var function in new[] { "httpWrite", "ceWrite", "legacyWrite" })
        {
            Directory.CreateDirectory(Path.Combine(_root, function));
        }

        Http = await StartAsync("httpWrite");
        Typed = await StartAsync("typedEcho");
        CloudEvent = await StartAsync("ceWrite");
        Legacy = await StartAsync("legacyWrite");
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    private async Task<GcpTestServer> StartAsync(string target)
    {
        var server = await GcpTestServer.StartAsync(target, Map);
        _servers.Add(server);
        return server;
    }

    private void Map(FunctionApp app)
    {
        app.MapHttp("/", async (request, context) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.CancellationToken);
            await File.WriteAllBytesAsync(OutputFile("httpWrite"), body.ToArray(), context.CancellationToken);
            return FunctionResponse.Bytes(body.ToArray(), request.ContentType ?? "application/octet-stream");
        }).WithName("httpWrite");

        app.MapPost<TypedRequest, TypedResponse>("/typed", (request, context) => Task.FromResult(new TypedResponse(request))).WithName("typedEcho");

        app.MapCloudEvent("com.example.conformance", async (cloudEvent, context) =>
        {
            await File.WriteAllBytesAsync(OutputFile("ceWrite"), CloudEventJson.Serialize(cloudEvent), context.CancellationToken);
            return null;
        }).WithName("ceWrite");

        app.MapLegacyEvent("legacyWrite", (legacy, context) => File.WriteAllBytesAsync(OutputFile("legacyWrite"), legacy.Json.ToArray(), context.CancellationToken));
    }
}
