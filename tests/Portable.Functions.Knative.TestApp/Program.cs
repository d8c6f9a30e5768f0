using Portable.Functions;
using Portable.Functions.Knative;

var builder = FunctionApp.CreateBuilder(args);

// TESTAPP_MISTAKE makes one start-up mistake a newcomer could make, for the start-up failure tests.
var mistake = builder.Configuration["TESTAPP_MISTAKE"];
if (mistake != "no-host")
{
    builder.UseKnative();
}

await using var app = builder.Build();

// GET /slow?ms=N answers after N ms unless its token fires first (then 503 "cancelled").
app.MapGet("/slow", async (request, context) =>
{
    var ms = int.Parse(request.Query["ms"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
    try
    {
        await Task.Delay(ms, context.CancellationToken);
        return FunctionResponse.Text("done");
    }
    catch (OperationCanceledException)
    {
        return FunctionResponse.Text("cancelled", 503);
    }
});
app.MapGet("/ping", (request, context) => Task.FromResult(FunctionResponse.Text("pong")));
if (mistake == "json-metadata")
{
    // No AddJsonContext: the typed function's types have no metadata.
    app.MapPost<Uri, Uri>("/echo", (uri, context) => Task.FromResult(uri));
}

await app.RunAsync();
