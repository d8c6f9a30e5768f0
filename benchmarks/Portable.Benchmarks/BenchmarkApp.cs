using HelloHttp;
using Microsoft.Extensions.Logging;
using Portable.Functions;

namespace Portable.Benchmarks;

/// <summary>The sample app as every benchmark uses it: same functions, logging providers removed.</summary>
internal static class BenchmarkApp
{
    /// <summary>
    /// Builds samples/HelloHttp. Logging goes nowhere, so the numbers are the SDK's and not the
    /// console's (the sample logs every order).
    /// </summary>
    public static FunctionApp Create()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        return HelloHttpApp.Build(builder);
    }
}
