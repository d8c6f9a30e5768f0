using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>What the README's "Dependency injection and configuration" section says about sources and options.</summary>
public sealed class OptionsAndConfigurationTests
{
    private sealed class ShopOptions
    {
        public string Currency { get; set; } = string.Empty;
    }

    [Fact]
    public void CommandLine_WinsOverEnvironmentVariables()
    {
        // A key no other test uses: environment variables are process-wide.
        const string Key = "DocsOrderTest__Currency";
        Environment.SetEnvironmentVariable(Key, "GBP");
        try
        {
            var fromEnvironment = FunctionApp.CreateBuilder();
            var fromBoth = FunctionApp.CreateBuilder(["--DocsOrderTest:Currency=USD"]);

            Assert.Equal("GBP", fromEnvironment.Configuration["DocsOrderTest:Currency"]);
            Assert.Equal("USD", fromBoth.Configuration["DocsOrderTest:Currency"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Key, null);
        }
    }

    [Fact]
    public async Task ValidateOnStart_DoesNotStopTheApp_InvalidOptionsFailWhenRead()
    {
        await using var app = TestApp.Create(
            app =>
            {
                app.MapGet("/plain", (request, context) => Task.FromResult(FunctionResponse.Text("ok")));
                app.MapGet("/options", (request, context) =>
                    Task.FromResult(FunctionResponse.Text(context.Services.GetRequiredService<IOptions<ShopOptions>>().Value.Currency)));
            },
            builder => builder.Services.AddOptions<ShopOptions>().Validate(o => o.Currency.Length == 3, "Currency needs 3 letters.").ValidateOnStart());

        var plain = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/plain", new HeaderCollection()));
        var options = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/options", new HeaderCollection()));

        Assert.Equal(200, plain.StatusCode);
        Assert.Equal(500, options.StatusCode);
    }
}
