using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;

namespace Portable.Functions.Azure.Worker;

/// <summary>
/// Reports the portable functions to the host during worker indexing: one metadata entry per
/// function, with the same bindings the custom-handler mode writes to <c>function.json</c>, except
/// that the HTTP output is <c>$return</c> (the isolated worker returns typed HTTP data, so the
/// custom-handler base64 trap does not apply).
/// </summary>
internal sealed class PortableFunctionMetadataProvider(FunctionApp app) : IFunctionMetadataProvider
{
    private static readonly string s_scriptFile = typeof(PortableFunctionEntryPoint).Assembly.GetName().Name + ".dll";

    public Task<ImmutableArray<IFunctionMetadata>> GetFunctionMetadataAsync(string directory)
    {
        var metadata = app.Functions.Select(function => (IFunctionMetadata)new DefaultFunctionMetadata
        {
            Name = function.Name,
            Language = "dotnet-isolated",
            EntryPoint = PortableFunctionEntryPoint.EntryPoint,
            ScriptFile = s_scriptFile,
            RawBindings = RawBindings(function),
        }).ToImmutableArray();
        return Task.FromResult(metadata);
    }

    internal static List<string> RawBindings(FunctionDescriptor function) => [.. AzureFunctionJson.RawBindings(AzureBindings.For(function))];
}
