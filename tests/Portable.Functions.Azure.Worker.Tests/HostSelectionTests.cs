using Microsoft.Extensions.Logging;

namespace Portable.Functions.Azure.Worker.Tests;

/// <summary>The worker host is chosen only when the Functions host starts the process.</summary>
public sealed class HostSelectionTests
{
    [Theory]
    [InlineData(new[] { "--functions-uri", "http://127.0.0.1:50051/", "--functions-worker-id", "w1" }, true)]
    [InlineData(new string[0], false)]
    public async Task WorkerHost_IsActive_OnlyWithTheHostsArguments(string[] args, bool active)
    {
        var builder = FunctionApp.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.AddJsonContext(WorkerTestJsonContext.Default);
        await using var app = builder.Build();

        // FUNCTIONS_WORKER_DIRECTORY is the other signal; the test runner's environment does not set it.
        Assert.Null(app.Configuration["FUNCTIONS_WORKER_DIRECTORY"]);
        Assert.Equal(active, new AzureWorkerHost(new AzureWorkerOptions(), args).IsActive(app));
    }
}
