using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Portable.Functions;

/// <summary>
/// The app's JSON metadata: the registered source-generated contexts and the app-wide options.
/// </summary>
/// <remarks>
/// A context that declares its own options (<c>[JsonSourceGenerationOptions(...)]</c> with anything
/// other than the serializer's defaults) keeps them for its types: snake_case stays snake_case, its
/// enum converters and ignore conditions apply, exactly as <c>JsonSerializer.Serialize(value,
/// MyContext.Default.MyType)</c> would. A context that declares nothing (the common case) and any other
/// resolver take the app's options: web defaults (camelCase, case-insensitive reading, numbers from
/// strings) changed by <c>builder.ConfigureJson(...)</c>. Telling the two apart by value, not by looking
/// for the attribute, keeps it reflection-free under Native AOT. Everything is created on first use.
/// </remarks>
internal sealed class AppJsonMetadata
{
    // A fresh instance, not JsonSerializerOptions.Default (that one roots the reflection resolver).
    private static readonly JsonSerializerOptions s_defaults = new();

    private readonly IReadOnlyList<Func<IJsonTypeInfoResolver>> _factories;
    private readonly IReadOnlyList<Action<JsonSerializerOptions>> _configure;
    private readonly Lock _gate = new();
    private State? _state;

    public AppJsonMetadata(IReadOnlyList<Func<IJsonTypeInfoResolver>> factories, IReadOnlyList<Action<JsonSerializerOptions>> configure)
    {
        _factories = factories;
        _configure = configure;
    }

    /// <summary>The app-wide options (read-only), chaining every context that declares no options of its own.</summary>
    public JsonSerializerOptions Options => GetState().Options;

    /// <summary>Finds metadata for <paramref name="type"/>: a context with its own options first, then the app's options.</summary>
    public JsonTypeInfo? Find(Type type)
    {
        var state = GetState();
        foreach (var context in state.OwnOptionContexts)
        {
            if (context.GetTypeInfo(type) is { } info)
            {
                return info;
            }
        }

        return state.Options.TryGetTypeInfo(type, out var shared) ? shared : null;
    }

    /// <summary>True when <paramref name="options"/> differ from the serializer's defaults in anything that changes the JSON.</summary>
    internal static bool DeclaresOptions(JsonSerializerOptions options)
    {
        return options.PropertyNamingPolicy is not null
            || options.DictionaryKeyPolicy is not null
            || options.PropertyNameCaseInsensitive != s_defaults.PropertyNameCaseInsensitive
            || options.DefaultIgnoreCondition != s_defaults.DefaultIgnoreCondition
            || options.IgnoreReadOnlyProperties != s_defaults.IgnoreReadOnlyProperties
            || options.IgnoreReadOnlyFields != s_defaults.IgnoreReadOnlyFields
            || options.IncludeFields != s_defaults.IncludeFields
            || options.NumberHandling != s_defaults.NumberHandling
            || options.WriteIndented != s_defaults.WriteIndented
            || options.AllowTrailingCommas != s_defaults.AllowTrailingCommas
            || options.ReadCommentHandling != s_defaults.ReadCommentHandling
            || options.UnmappedMemberHandling != s_defaults.UnmappedMemberHandling
            || options.UnknownTypeHandling != s_defaults.UnknownTypeHandling
            || options.PreferredObjectCreationHandling != s_defaults.PreferredObjectCreationHandling
            || options.RespectNullableAnnotations != s_defaults.RespectNullableAnnotations
            || options.RespectRequiredConstructorParameters != s_defaults.RespectRequiredConstructorParameters
            || options.AllowDuplicateProperties != s_defaults.AllowDuplicateProperties
            || options.MaxDepth != s_defaults.MaxDepth
            || options.Converters.Count != 0;
    }

    private State GetState()
    {
        var state = Volatile.Read(ref _state);
        if (state is not null)
        {
            return state;
        }

        lock (_gate)
        {
            return _state ??= CreateState();
        }
    }

    private State CreateState()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var configure in _configure)
        {
            configure(options);
        }

        var own = new List<JsonSerializerContext>();
        foreach (var factory in _factories)
        {
            var resolver = factory() ?? throw new InvalidOperationException("A JSON context factory given to AddJsonContext returned null.");
            if (resolver is JsonSerializerContext context && DeclaresOptions(context.Options))
            {
                own.Add(context);
            }
            else
            {
                options.TypeInfoResolverChain.Add(resolver);
            }
        }

        // Last in the chain: JsonElement and string work without a user context.
        options.TypeInfoResolverChain.Add(CoreJsonContext.Default);
        options.MakeReadOnly();
        return new State(options, own);
    }

    private sealed record State(JsonSerializerOptions Options, IReadOnlyList<JsonSerializerContext> OwnOptionContexts);
}
