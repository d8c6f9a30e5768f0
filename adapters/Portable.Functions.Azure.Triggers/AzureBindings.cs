namespace Portable.Functions.Azure;

/// <summary>
/// The Azure bindings of one portable function, read from its metadata: the trigger (type, binding
/// name, properties), the HTTP route and methods, and the optional <c>$return</c> output. Both the
/// <c>function.json</c> writer, the custom handler and the isolated worker use it, so they cannot disagree.
/// </summary>
public sealed class AzureBindings
{
    /// <summary>The <c>name</c> of the HTTP output binding (<c>res</c>); HTTP results go there, not to <c>$return</c>.</summary>
    public const string HttpOutputName = "res";

    /// <summary>
    /// The <c>name</c> of every non-HTTP trigger binding. One fixed name lets the isolated worker bind
    /// the input through a single entry-point parameter of that name.
    /// </summary>
    public const string TriggerInputName = "input";

    private AzureBindings(FunctionDescriptor function, string triggerType, string triggerName, IReadOnlyDictionary<string, string> triggerProperties)
    {
        Function = function;
        TriggerType = triggerType;
        TriggerName = triggerName;
        TriggerProperties = triggerProperties;
    }

    /// <summary>The portable function.</summary>
    public FunctionDescriptor Function { get; }

    /// <summary>The trigger binding type, e.g. <see cref="AzureTriggerTypes.Queue"/>.</summary>
    public string TriggerType { get; }

    /// <summary>The trigger binding's <c>name</c>: the key of its value in the payload's <c>Data</c>.</summary>
    public string TriggerName { get; }

    /// <summary>The trigger binding's other properties (<c>queueName</c>, <c>connection</c>, <c>cardinality</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> TriggerProperties { get; }

    /// <summary>True for an HTTP trigger.</summary>
    public bool IsHttp => TriggerType == AzureTriggerTypes.Http;

    /// <summary>An event function reached over HTTP: the body carries a CloudEvent.</summary>
    public bool IsCloudEventOverHttp => IsHttp && Function.Kind == FunctionKind.Event;

    /// <summary>Azure route (no leading slash) for HTTP triggers.</summary>
    public string? Route { get; private init; }

    /// <summary>Lower-case methods; empty for any.</summary>
    public IReadOnlyList<string> Methods { get; private init; } = [];

    /// <summary>The HTTP trigger's <c>authLevel</c>; <c>anonymous</c> by default.</summary>
    public string AuthLevel { get; private init; } = "anonymous";

    /// <summary>The <c>$return</c> output binding type, or <see langword="null"/> for none.</summary>
    public string? OutputType { get; private init; }

    /// <summary>The output binding's properties.</summary>
    public IReadOnlyDictionary<string, string> OutputProperties { get; private init; } = new Dictionary<string, string>();

    /// <summary>True when <c>cardinality</c> is <c>many</c>: <c>Data</c> holds an array of messages.</summary>
    public bool IsBatch => TriggerProperties.TryGetValue("cardinality", out var c) && string.Equals(c, "many", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the trigger delivers base64 (<c>dataType: binary</c>).</summary>
    public bool IsBinary => TriggerProperties.TryGetValue("dataType", out var d) && string.Equals(d, "binary", StringComparison.OrdinalIgnoreCase);

    /// <summary>A trigger property, or <see langword="null"/>.</summary>
    /// <param name="name">The property name (exact).</param>
    /// <returns>The value.</returns>
    public string? GetTriggerProperty(string name) => TriggerProperties.GetValueOrDefault(name);

    /// <summary>
    /// Reads the bindings of <paramref name="function"/> from its metadata (<see cref="AzureMetadataKeys"/>)
    /// as the isolated worker binds them: no trigger means HTTP (an event function is reached by
    /// CloudEvents POSTed to its name).
    /// </summary>
    /// <param name="function">The function.</param>
    /// <returns>The bindings.</returns>
    /// <exception cref="InvalidOperationException">The function's configuration cannot be expressed on Azure.</exception>
    public static AzureBindings For(FunctionDescriptor function) => For(function, eventsOverHttp: true, "anonymous");

    /// <summary>
    /// The custom handler's bindings: an event function without a trigger is bound to Event Grid
    /// (CloudEvents schema) only, never exposed as an HTTP route, and HTTP triggers default to
    /// <paramref name="defaultAuthLevel"/>. The isolated worker keeps <see cref="For(FunctionDescriptor)"/>:
    /// the Event Grid worker extension is not on this project's package feed.
    /// </summary>
    /// <param name="function">The function.</param>
    /// <param name="defaultAuthLevel">The HTTP triggers' <c>authLevel</c> when the function sets none.</param>
    /// <returns>The bindings.</returns>
    /// <exception cref="InvalidOperationException">The function's configuration cannot be expressed on Azure.</exception>
    public static AzureBindings ForCustomHandler(FunctionDescriptor function, string defaultAuthLevel = DefaultAuthLevel) =>
        For(function, eventsOverHttp: false, defaultAuthLevel);

    /// <summary>The custom handler's default HTTP authorization level: a function key is required unless the app says otherwise.</summary>
    public const string DefaultAuthLevel = "function";

    private static AzureBindings For(FunctionDescriptor function, bool eventsOverHttp, string defaultAuthLevel)
    {
        var metadata = function.Metadata;
        var triggerType = metadata.GetValueOrDefault(AzureMetadataKeys.Trigger)
            ?? (function.Kind == FunctionKind.Event && !eventsOverHttp ? AzureTriggerTypes.EventGrid : AzureTriggerTypes.Http);
        if (triggerType == AzureTriggerTypes.Http)
        {
            return ForHttp(function, defaultAuthLevel);
        }

        var properties = Collect(metadata, AzureMetadataKeys.TriggerPropertyPrefix);
        var outputType = metadata.GetValueOrDefault(AzureMetadataKeys.Output);
        return new AzureBindings(function, triggerType, TriggerInputName, properties)
        {
            OutputType = outputType,
            OutputProperties = Collect(metadata, AzureMetadataKeys.OutputPropertyPrefix),
        };
    }

    private static AzureBindings ForHttp(FunctionDescriptor function, string defaultAuthLevel)
    {
        string route;
        IReadOnlyList<string> methods;
        if (function.Kind == FunctionKind.Event)
        {
            // An event function without a trigger: CloudEvents POSTed to /<function name>.
            route = function.Name;
            methods = ["post"];
        }
        else
        {
            route = (function.Route ?? throw new InvalidOperationException($"Function '{function.Name}' has no HTTP route.")).Trim('/');
            if (route.Length == 0)
            {
                throw new InvalidOperationException(
                    $"Function '{function.Name}' is mapped to '/', which an Azure HTTP trigger cannot express (an empty route means the function name). Map it under a path.");
            }

            methods = function.Methods.Select(m => m.ToLowerInvariant()).ToArray();
        }

        return new AzureBindings(function, AzureTriggerTypes.Http, "req", new Dictionary<string, string>())
        {
            Route = route,
            Methods = methods,
            AuthLevel = function.Metadata.GetValueOrDefault(AzureMetadataKeys.AuthLevel) ?? defaultAuthLevel,
        };
    }

    private static Dictionary<string, string> Collect(IReadOnlyDictionary<string, string> metadata, string prefix)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                result[key[prefix.Length..]] = value;
            }
        }

        return result;
    }
}
