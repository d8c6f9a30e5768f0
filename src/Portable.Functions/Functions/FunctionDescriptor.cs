using System.Diagnostics.CodeAnalysis;

namespace Portable.Functions;

/// <summary>
/// A registered function: its name, kind, how it is reached (HTTP route and methods, or CloudEvent
/// type) and platform metadata adapters read (e.g. the Azure trigger to generate). Returned by the
/// <c>Map*</c> methods for fluent configuration before the app runs.
/// </summary>
public sealed class FunctionDescriptor
{
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private string _name;

    internal FunctionDescriptor(string name, FunctionKind kind, Func<FunctionContext, Task> execute)
    {
        _name = name;
        Kind = kind;
        Execute = execute;
    }

    /// <summary>Unique function name (used by <c>_HANDLER</c>, <c>FUNCTION_TARGET</c>, Azure function names).</summary>
    public string Name => _name;

    /// <summary>Function shape.</summary>
    public FunctionKind Kind { get; }

    /// <summary>HTTP route template, e.g. <c>/orders/{id}</c>; <see langword="null"/> for event-only functions.</summary>
    public string? Route { get; internal init; }

    /// <summary>Accepted HTTP methods, upper-case; empty means any.</summary>
    public IReadOnlyList<string> Methods { get; internal init; } = [];

    /// <summary>CloudEvent type this function handles; <see langword="null"/> for HTTP or the fallback.</summary>
    public string? EventType { get; internal init; }

    /// <summary>True for the function that receives events of unregistered types.</summary>
    public bool IsEventFallback { get; internal init; }

    /// <summary>Input type of a typed function, or the data type of an event function.</summary>
    public Type? InputType { get; internal init; }

    /// <summary>Output type of a typed function.</summary>
    public Type? OutputType { get; internal init; }

    /// <summary>Platform metadata set with <see cref="WithMetadata"/>.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _metadata;

    internal Func<FunctionContext, Task> Execute { get; }

    internal RouteTemplate? Template { get; init; }

    /// <summary>Resolves the function's JSON metadata; run when the app freezes, so a missing type fails at start-up.</summary>
    internal Action? CheckJsonMetadata { get; init; }

    /// <summary>The class of a class-based function, whose constructor's services are checked when the app freezes.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    internal Type? ImplementationType { get; set; }

    /// <summary>Services the handler resolves per invocation, checked when the app freezes.</summary>
    internal List<Type> RequiredServices { get; } = [];

    internal bool IsFrozen { get; set; }

    /// <summary>The function's logger, set when the app freezes (kept here: no lookup per invocation).</summary>
    internal Microsoft.Extensions.Logging.ILogger? Logger { get; set; }

    /// <summary>Renames the function.</summary>
    /// <param name="name">Letters, digits, <c>-</c> and <c>_</c>; unique in the app.</param>
    /// <returns>This descriptor.</returns>
    /// <exception cref="InvalidOperationException">The app is already running.</exception>
    public FunctionDescriptor WithName(string name)
    {
        ThrowIfFrozen();
        FunctionNames.Validate(name);
        _name = name;
        return this;
    }

    /// <summary>
    /// Declares services the function resolves for each invocation. They are checked when the app
    /// freezes, so a missing registration stops the start-up with a message naming it instead of failing
    /// the first request. The source generator declares a handler's required service parameters here.
    /// </summary>
    /// <param name="serviceTypes">The service types (open generic registrations count for their closed forms).</param>
    /// <returns>This descriptor.</returns>
    /// <exception cref="InvalidOperationException">The app is already frozen.</exception>
    public FunctionDescriptor RequireServices(params Type[] serviceTypes)
    {
        ArgumentNullException.ThrowIfNull(serviceTypes);
        ThrowIfFrozen();
        RequiredServices.AddRange(serviceTypes);
        return this;
    }

    /// <summary>Attaches platform metadata, read by adapters (e.g. <c>azure:trigger</c>).</summary>
    /// <param name="key">Key, conventionally <c>platform:name</c>.</param>
    /// <param name="value">Value.</param>
    /// <returns>This descriptor.</returns>
    public FunctionDescriptor WithMetadata(string key, string value)
    {
        ThrowIfFrozen();
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        _metadata[key] = value;
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => Kind == FunctionKind.Event
        ? $"{Name} (event {EventType ?? "*"})"
        : $"{Name} ({(Methods.Count == 0 ? "*" : string.Join(',', Methods))} {Route})";

    private void ThrowIfFrozen()
    {
        if (IsFrozen)
        {
            throw new InvalidOperationException("Functions cannot be changed once the app has started.");
        }
    }
}
