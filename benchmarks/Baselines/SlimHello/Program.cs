// Baseline for the Kestrel-hosted subjects: WebApplication.CreateSlimBuilder, one GET route, the port
// from PORT on all interfaces (as the Knative host binds), and the appsettings.json of the
// `dotnet new webapiaot` template (no per-request log lines). Nothing else, on purpose.
var builder = WebApplication.CreateSlimBuilder(args);
var port = Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } value ? value : "8080";
builder.WebHost.UseUrls("http://*:" + port);
var app = builder.Build();
app.MapGet("/hello", (string? name) => "Hello, " + (string.IsNullOrWhiteSpace(name) ? "world" : name) + "!");
app.Run();
