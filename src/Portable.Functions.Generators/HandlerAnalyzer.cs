using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Portable.Functions.Generators;

/// <summary>Finds calls to the Delegate Map* overloads and reads the handler's signature from the compilation.</summary>
internal static class HandlerAnalyzer
{
    private const string ExtensionsType = "Portable.Functions.FunctionAppDelegateMapExtensions";

    /// <summary>Cheap syntax filter: an invocation of a non-generic <c>MapGet/MapPost/MapHttp/MapEvent</c>.</summary>
    public static bool IsCandidate(SyntaxNode node) =>
        node is InvocationExpressionSyntax invocation && invocation.Expression switch
        {
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } => IsMapName(name.Identifier.ValueText),
            MemberBindingExpressionSyntax { Name: IdentifierNameSyntax name } => IsMapName(name.Identifier.ValueText),
            IdentifierNameSyntax name => IsMapName(name.Identifier.ValueText),
            _ => false,
        };

    /// <summary>The call's interceptor or error; <see langword="null"/> when it is not a Delegate overload call.</summary>
    public static MapCall? Analyze(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        var model = context.SemanticModel;
        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
            || operation.TargetMethod.ContainingType?.ToDisplayString() != ExtensionsType)
        {
            return null;
        }

        var handlerArgument = operation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "handler");
        if (handlerArgument?.Parameter?.Type.SpecialType is not SpecialType.System_Delegate)
        {
            return null;
        }

        var name = operation.TargetMethod.Name;
        var kind = name switch
        {
            "MapGet" => MapKind.Get,
            "MapPost" => MapKind.Post,
            "MapHttp" => MapKind.Http,
            _ => MapKind.Event,
        };
        var where = handlerArgument.Syntax.GetLocation();

        var value = handlerArgument.Value;
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        IMethodSymbol signature;
        bool castThroughLambda;
        switch (value)
        {
            case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                signature = lambda.Symbol;
                castThroughLambda = true;
                break;
            case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                signature = reference.Method;
                castThroughLambda = true;
                break;
            case IAnonymousFunctionOperation lambda:
                signature = lambda.Symbol;
                castThroughLambda = true;
                break;
            case { Type: INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke } }:
                signature = invoke;
                castThroughLambda = false;
                break;
            default:
                if (value.Type is { TypeKind: TypeKind.Error } || model.GetDiagnostics(value.Syntax.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    // The compiler already reports the broken expression.
                    return null;
                }

                return Fail(Descriptors.UnknownHandlerType, where, name, value.Type?.ToDisplayString() ?? "no type");
        }

        if (signature.Parameters.Any(p => p.Type.TypeKind == TypeKind.Error) || signature.ReturnType.TypeKind == TypeKind.Error)
        {
            return null;
        }

#pragma warning disable RSEXPERIMENTAL002 // InterceptableLocation: the stable way to address a call since Roslyn 4.12.
        var location = model.GetInterceptableLocation(invocation, cancellationToken);
        if (location is null)
        {
            return Fail(Descriptors.NotInterceptable, invocation.GetLocation(), name);
        }

        var attribute = location.GetInterceptsLocationAttributeSyntax();
#pragma warning restore RSEXPERIMENTAL002

        var reader = new SignatureReader(model.Compilation, kind, name, where);
        var shape = reader.Read(signature, value.Type as INamedTypeSymbol, castThroughLambda, out var error);
        if (shape is null)
        {
            return new MapCall(null, error);
        }

        shape.Attribute = attribute;
        return new MapCall(InterceptorEmitter.Method(shape), null);
    }

    private static MapCall Fail(DiagnosticDescriptor descriptor, Location location, params object[] arguments) =>
        new(null, Diagnostic.Create(descriptor, location, arguments));

    private static bool IsMapName(string name) => name is "MapGet" or "MapPost" or "MapHttp" or "MapEvent";
}
