using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Portable.Functions.Generators;

/// <summary>
/// Makes handlers with service parameters work under Native AOT without reflection: every call to a
/// <c>FunctionAppDelegateMapExtensions</c> overload (<c>MapGet/MapPost/MapHttp/MapEvent</c> taking a
/// <see cref="System.Delegate"/>) is intercepted at compile time and replaced with a call to the strongly
/// typed overload, whose lambda resolves the extra parameters from the invocation. Shapes it cannot
/// translate are compile errors PF0001–PF0006, so nothing is left to fail at start-up.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DelegateMapGenerator : IIncrementalGenerator
{
    /// <summary>Registers the pipeline: find the calls, analyse each, write one file.</summary>
    /// <param name="context">The generator context.</param>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var calls = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => HandlerAnalyzer.IsCandidate(node), HandlerAnalyzer.Analyze)
            .Where(static call => call is not null)
            .Collect();

        context.RegisterSourceOutput(calls, static (output, all) => Emit(output, all!));
    }

    private static void Emit(SourceProductionContext output, ImmutableArray<MapCall> calls)
    {
        foreach (var call in calls)
        {
            if (call.Error is not null)
            {
                output.ReportDiagnostic(call.Error);
            }
        }

        var methods = calls.Where(c => c.InterceptorSource is not null).Select(c => c.InterceptorSource!).ToList();
        if (methods.Count > 0)
        {
            output.AddSource("Portable.Functions.DelegateMap.g.cs", InterceptorEmitter.File(methods));
        }
    }
}
