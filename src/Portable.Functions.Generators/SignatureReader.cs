using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Portable.Functions.Generators;

/// <summary>
/// Checks a handler's signature against the parameter rules of its Map* call and writes its types as
/// C#. Rules: the first parameter is the input; later ones are FunctionContext, CancellationToken or a
/// service from the invocation's scope (optional when nullable or defaulted to null).
/// </summary>
internal sealed class SignatureReader
{
    private static readonly SymbolDisplayFormat s_code = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly Compilation _compilation;
    private readonly MapKind _kind;
    private readonly string _name;
    private readonly Location _where;
    private readonly INamedTypeSymbol? _request;
    private readonly INamedTypeSymbol? _response;
    private readonly INamedTypeSymbol? _context;
    private readonly INamedTypeSymbol? _cloudEvent;
    private readonly INamedTypeSymbol? _cloudEventOfT;
    private readonly INamedTypeSymbol? _token;
    private readonly INamedTypeSymbol? _task;
    private readonly INamedTypeSymbol? _taskOfT;
    private readonly INamedTypeSymbol? _valueTask;
    private readonly INamedTypeSymbol? _valueTaskOfT;

    public SignatureReader(Compilation compilation, MapKind kind, string name, Location where)
    {
        _compilation = compilation;
        _kind = kind;
        _name = name;
        _where = where;
        _request = compilation.GetTypeByMetadataName("Portable.Functions.FunctionRequest");
        _response = compilation.GetTypeByMetadataName("Portable.Functions.FunctionResponse");
        _context = compilation.GetTypeByMetadataName("Portable.Functions.FunctionContext");
        _cloudEvent = compilation.GetTypeByMetadataName("Portable.Functions.CloudEvent");
        _cloudEventOfT = compilation.GetTypeByMetadataName("Portable.Functions.CloudEvent`1");
        _token = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        _task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        _taskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        _valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        _valueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
    }

    /// <summary>The accepted shape, or <see langword="null"/> with the reason in <paramref name="error"/>.</summary>
    public HandlerShape? Read(IMethodSymbol signature, INamedTypeSymbol? delegateType, bool castThroughLambda, out Diagnostic? error)
    {
        error = null;
        if (signature.Parameters.Length == 0)
        {
            error = Diagnostic.Create(Descriptors.NoParameters, _where, _name, ExpectedInput());
            return null;
        }

        var first = signature.Parameters[0];
        if (ParameterProblem(first) is { } firstProblem)
        {
            error = Diagnostic.Create(Descriptors.UnsupportedParameter, _where, first.Name, _name, firstProblem);
            return null;
        }

        var input = ClassifyInput(first.Type);
        var inputAllowed = _kind switch
        {
            MapKind.Get or MapKind.Http => input == InputKind.Request,
            MapKind.Post => input is InputKind.Request or InputKind.Json,
            _ => input is InputKind.TypedEvent or InputKind.RawEvent,
        };
        if (!inputAllowed)
        {
            error = Diagnostic.Create(Descriptors.UnsupportedInput, _where, _name, first.Type.ToDisplayString(), ExpectedInput());
            return null;
        }

        var (result, resultType) = Unwrap(signature);
        if (!ResultAllowed(input, result, resultType) || (resultType is not null && TypeProblem(resultType) is not null))
        {
            error = Diagnostic.Create(Descriptors.UnsupportedReturn, _where, _name, signature.ReturnsVoid ? "void" : signature.ReturnType.ToDisplayString(), ExpectedResult(input));
            return null;
        }

        var shape = new HandlerShape
        {
            Map = _kind,
            Input = input,
            InputType = Code(input == InputKind.TypedEvent ? ((INamedTypeSymbol)first.Type).TypeArguments[0] : first.Type),
            Result = result,
            ResultType = resultType is null ? null : Code(resultType),
        };

        foreach (var parameter in signature.Parameters.Skip(1))
        {
            var problem = ParameterProblem(parameter) ?? (ClassifyInput(parameter.Type) == InputKind.Json ? null : "only the first parameter receives the request or event");
            if (problem is not null)
            {
                error = Diagnostic.Create(Descriptors.UnsupportedParameter, _where, parameter.Name, _name, problem);
                return null;
            }

            shape.Arguments.Add(Argument(parameter));
            if (IsRequiredService(parameter))
            {
                shape.RequiredServices.Add(Code(parameter.Type));
            }
        }

        shape.Cast = castThroughLambda
            ? $"Cast(handler, {(signature.ReturnsVoid ? "void" : Code(signature.ReturnType))} ({string.Join(", ", signature.Parameters.Select(LambdaParameter))}) => throw null!)"
            : $"({Code(delegateType!)})handler";
        return shape;
    }

    private static string Code(ITypeSymbol type) => type.ToDisplayString(s_code);

    private static string LambdaParameter(IParameterSymbol parameter, int index) =>
        $"{Code(parameter.Type)} arg{index}{(parameter.HasExplicitDefaultValue ? " = default" : string.Empty)}";

    /// <summary>An optional service is null when absent: nullable, or defaulted to null.</summary>
    private static bool IsOptional(IParameterSymbol parameter) =>
        parameter.NullableAnnotation == NullableAnnotation.Annotated
        || parameter.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
        || parameter.HasExplicitDefaultValue;

    private bool IsRequiredService(IParameterSymbol parameter) =>
        !SymbolEqualityComparer.Default.Equals(parameter.Type, _context)
        && !SymbolEqualityComparer.Default.Equals(parameter.Type, _token)
        && !IsOptional(parameter);

    private string Argument(IParameterSymbol parameter)
    {
        if (SymbolEqualityComparer.Default.Equals(parameter.Type, _context))
        {
            return "context";
        }

        if (SymbolEqualityComparer.Default.Equals(parameter.Type, _token))
        {
            return "context.CancellationToken";
        }

        if (IsOptional(parameter))
        {
            // A parameter defaulted to null without '?' asked for null itself: '!' keeps its warning at the handler, not here.
            var forgive = parameter.NullableAnnotation == NullableAnnotation.Annotated || parameter.Type.IsValueType ? string.Empty : "!";
            return $"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetService<{Code(parameter.Type)}>(context.Services){forgive}";
        }

        var name = SymbolDisplay.FormatLiteral(parameter.Name, quote: true);
        var display = SymbolDisplay.FormatLiteral(parameter.Type.ToDisplayString(), quote: true);
        return $"Required<{Code(parameter.Type)}>(context, {name}, {display})";
    }

    private string? ParameterProblem(IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None)
        {
            return "ref, out and in parameters cannot be supplied; take it by value";
        }

        if (parameter.GetAttributes().Any(a => a.AttributeClass?.Name == "FromKeyedServicesAttribute"))
        {
            // Silently resolving the unkeyed service would be wrong: say so instead.
            return "keyed services are not supported; take FunctionContext and call context.Services.GetRequiredKeyedService<T>(key)";
        }

        if (parameter.IsParams)
        {
            return "params parameters cannot be supplied";
        }

        if (parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is not null)
        {
            return "the only supported default value is null (or default): an optional service is null when it is not registered";
        }

        return TypeProblem(parameter.Type);
    }

    private string? TypeProblem(ITypeSymbol type)
    {
        if (Unnameable(type))
        {
            return $"its type '{type.ToDisplayString()}' uses a type parameter or an anonymous type, which generated code cannot name";
        }

        return _compilation.IsSymbolAccessibleWithin(type, _compilation.Assembly)
            ? null
            : $"its type '{type.ToDisplayString()}' is not accessible to generated code in this assembly; make it internal or public";
    }

    private static bool Unnameable(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => Unnameable(array.ElementType),
        INamedTypeSymbol named => named.IsAnonymousType || named.TypeArguments.Any(Unnameable),
        IPointerTypeSymbol or IFunctionPointerTypeSymbol => true,
        _ => false,
    };

    private InputKind ClassifyInput(ITypeSymbol type)
    {
        if (SymbolEqualityComparer.Default.Equals(type, _request))
        {
            return InputKind.Request;
        }

        if (SymbolEqualityComparer.Default.Equals(type, _cloudEvent))
        {
            return InputKind.RawEvent;
        }

        return SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _cloudEventOfT) ? InputKind.TypedEvent : InputKind.Json;
    }

    private (ResultKind Kind, ITypeSymbol? Type) Unwrap(IMethodSymbol signature)
    {
        if (signature.ReturnsVoid)
        {
            return (ResultKind.Void, null);
        }

        var type = signature.ReturnType;
        if (type is INamedTypeSymbol { IsGenericType: true } generic)
        {
            if (SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, _taskOfT))
            {
                return (ResultKind.Task, generic.TypeArguments[0]);
            }

            if (SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, _valueTaskOfT))
            {
                return (ResultKind.ValueTask, generic.TypeArguments[0]);
            }
        }

        if (SymbolEqualityComparer.Default.Equals(type, _task))
        {
            return (ResultKind.Task, null);
        }

        return SymbolEqualityComparer.Default.Equals(type, _valueTask) ? (ResultKind.ValueTask, null) : (ResultKind.Sync, type);
    }

    private bool ResultAllowed(InputKind input, ResultKind result, ITypeSymbol? type) => input switch
    {
        InputKind.Request => SymbolEqualityComparer.Default.Equals(type, _response),
        InputKind.Json => type is not null && !SymbolEqualityComparer.Default.Equals(type, _response) && ClassifyInput(type) == InputKind.Json && !IsAwaitable(type),
        _ => type is null ? result != ResultKind.Sync : SymbolEqualityComparer.Default.Equals(type, _cloudEvent),
    };

    private bool IsAwaitable(ITypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type, _task) || SymbolEqualityComparer.Default.Equals(type, _valueTask)
        || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _taskOfT) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _valueTaskOfT);

    private string ExpectedInput() => _kind switch
    {
        MapKind.Get or MapKind.Http => "FunctionRequest (a typed JSON body needs MapPost; events use MapEvent)",
        MapKind.Post => "FunctionRequest for a raw HTTP function, or the type of the JSON body for a typed function (events use MapEvent)",
        _ => "CloudEvent<TData> for typed event data, or CloudEvent for the raw event",
    };

    private static string ExpectedResult(InputKind input) => input switch
    {
        InputKind.Request => "FunctionResponse, Task<FunctionResponse> or ValueTask<FunctionResponse>",
        InputKind.Json => "its JSON result as T, Task<T> or ValueTask<T>, with T a type generated code can name (to build the HTTP response yourself, take FunctionRequest as the first parameter)",
        _ => "void, Task, ValueTask, or a reply CloudEvent? (directly, as Task<CloudEvent?> or as ValueTask<CloudEvent?>)",
    };
}
