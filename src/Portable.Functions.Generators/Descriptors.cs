using Microsoft.CodeAnalysis;

namespace Portable.Functions.Generators;

/// <summary>The generator's diagnostics. All are errors: a call that is not intercepted would throw at start-up.</summary>
internal static class Descriptors
{
    private const string Category = "PortableFunctions";

    public static readonly DiagnosticDescriptor UnknownHandlerType = new(
        "PF0001",
        "Handler type not known at compile time",
        "The handler passed to {0} has no type the Portable.Functions generator can read ('{1}'). Pass a lambda with explicitly typed parameters, a method group, or a variable of a concrete delegate type such as Func<...>.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NoParameters = new(
        "PF0002",
        "Handler without parameters",
        "The handler passed to {0} has no parameters. Its first parameter is the input: {1}.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedInput = new(
        "PF0003",
        "Unsupported input parameter",
        "The first parameter of a {0} handler is '{1}', but it must be {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedReturn = new(
        "PF0004",
        "Unsupported return type",
        "The {0} handler returns '{1}', but it must return {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedParameter = new(
        "PF0005",
        "Unsupported handler parameter",
        "Parameter '{0}' of the {1} handler is not supported: {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotInterceptable = new(
        "PF0006",
        "Call cannot be intercepted",
        "This call to {0} cannot be replaced by generated code: the compiler gives it no interceptable location. Call it as app.{0}(...) or FunctionAppDelegateMapExtensions.{0}(app, ...).",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
