using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace Portable.Functions;

/// <summary>
/// The mistakes that can be found before the first invocation, checked when the app freezes in every
/// environment: duplicate names, ambiguous routes, duplicate event types, JSON metadata missing for a
/// typed or event function, and class-based functions whose constructor needs an unregistered service.
/// Each message names the fix.
/// </summary>
internal static class StartupValidator
{
    public static List<string> Validate(IReadOnlyList<FunctionDescriptor> functions, IServiceCollection services, string? servedFunction = null)
    {
        var errors = new List<string>();
        CheckNames(functions, errors);
        CheckRoutes(functions, errors);
        CheckEventTypes(functions, errors);

        // A single-function host can invoke nothing else: building the JSON metadata of the others (the
        // generated context, every type's converters) would only lengthen its cold start.
        var served = servedFunction is null ? null : functions.FirstOrDefault(f => string.Equals(f.Name, servedFunction, StringComparison.OrdinalIgnoreCase));
        foreach (var function in functions)
        {
            if (served is not null && !ReferenceEquals(function, served))
            {
                continue;
            }

            if (function.CheckJsonMetadata is { } check)
            {
                try
                {
                    check();
                }
                catch (InvalidOperationException exception)
                {
                    errors.Add($"Function '{function.Name}': {exception.Message}");
                }
            }

            if (function.ImplementationType is { } type && FindMissingService(type, services) is { } missing)
            {
                errors.Add($"Function '{function.Name}': {missing}");
            }

            foreach (var service in function.RequiredServices)
            {
                if (!IsResolvable(service, services))
                {
                    errors.Add($"Function '{function.Name}': its handler takes a {TypeName(service)}, which is not registered; register it with builder.Services.Add...<{TypeName(service)}>() before Build().");
                }
            }
        }

        return errors;
    }

    private static void CheckNames(IReadOnlyList<FunctionDescriptor> functions, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in functions)
        {
            if (!names.Add(function.Name))
            {
                errors.Add($"Two functions are named '{function.Name}': give one another name with .WithName(\"...\").");
            }
        }
    }

    private static void CheckRoutes(IReadOnlyList<FunctionDescriptor> functions, List<string> errors)
    {
        // Two templates that differ only in parameter names ("/items/{id}" and "/items/{name}") match the
        // same paths: whichever the table tried first would win silently, so both are reported.
        var seen = new Dictionary<string, FunctionDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in functions)
        {
            if (function.Template is not { } template)
            {
                continue;
            }

            foreach (var method in function.Methods.Count == 0 ? ["*"] : function.Methods)
            {
                var conflict = method == "*"
                    ? seen.FirstOrDefault(p => p.Key.EndsWith(" " + template.Shape, StringComparison.OrdinalIgnoreCase)).Value
                    : seen.GetValueOrDefault(method + " " + template.Shape) ?? seen.GetValueOrDefault("* " + template.Shape);
                if (conflict is not null && !ReferenceEquals(conflict, function))
                {
                    errors.Add($"Functions '{conflict.Name}' ({conflict.Route}) and '{function.Name}' ({function.Route}) both match {(method == "*" ? "any method" : method)} {template.Shape}: change one route or its methods.");
                    break;
                }

                seen.TryAdd(method + " " + template.Shape, function);
            }
        }
    }

    private static void CheckEventTypes(IReadOnlyList<FunctionDescriptor> functions, List<string> errors)
    {
        var types = new Dictionary<string, FunctionDescriptor>(StringComparer.Ordinal);
        FunctionDescriptor? fallback = null;
        foreach (var function in functions.Where(f => f.Kind == FunctionKind.Event))
        {
            if (function.IsEventFallback)
            {
                if (fallback is not null)
                {
                    errors.Add($"Functions '{fallback.Name}' and '{function.Name}' are both the event fallback (MapCloudEvent(null, ...)): keep one.");
                }

                fallback ??= function;
            }
            else if (!types.TryAdd(function.EventType!, function))
            {
                errors.Add($"Functions '{types[function.EventType!].Name}' and '{function.Name}' both handle CloudEvent type '{function.EventType}': keep one.");
            }
        }
    }

    /// <summary>Why the container cannot create <paramref name="type"/> for an invocation, or <see langword="null"/> when it can.</summary>
    private static string? FindMissingService([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type type, IServiceCollection services)
    {
        if (services.Any(d => !d.IsKeyedService && d.ServiceType == type))
        {
            // Registered: the container builds it (ValidateOnBuild checks its graph in Development).
            return null;
        }

        var constructors = type.GetConstructors();
        if (constructors.Length == 0)
        {
            return $"{TypeName(type)} has no public constructor; add one or register the class with builder.Services.";
        }

        Type? firstMissing = null;
        foreach (var constructor in constructors)
        {
            var missing = constructor.GetParameters().FirstOrDefault(p => !p.HasDefaultValue && !IsResolvable(p.ParameterType, services));
            if (missing is null)
            {
                return null;
            }

            firstMissing ??= missing.ParameterType;
        }

        return $"{TypeName(type)} needs a {TypeName(firstMissing!)}, which is not registered; register it with builder.Services.Add...<{TypeName(firstMissing!)}>() before Build().";
    }

    private static bool IsResolvable(Type type, IServiceCollection services)
    {
        if (type == typeof(IServiceProvider) || type == typeof(IServiceScopeFactory) || type == typeof(IServiceProviderIsService)
            || type == typeof(IServiceProviderIsKeyedService) || type == typeof(IKeyedServiceProvider))
        {
            return true;
        }

        if (services.Any(d => !d.IsKeyedService && d.ServiceType == type))
        {
            return true;
        }

        if (!type.IsConstructedGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IEnumerable<>) || services.Any(d => !d.IsKeyedService && d.ServiceType == definition);
    }

    private static string TypeName(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
        : type.Name;
}
