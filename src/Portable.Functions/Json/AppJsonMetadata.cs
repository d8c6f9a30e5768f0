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
        var defaults = Defaults.Options;
        return options.PropertyNamingPolicy is not null
            || options.DictionaryKeyPolicy is not null
            || options.PropertyNameCaseInsensitive != defaults.PropertyNameCaseInsensitive
            || options.DefaultIgnoreCondition != defaults.DefaultIgnoreCondition
            || options.IgnoreReadOnlyProperties != defaults.IgnoreReadOnlyProperties
            || options.IgnoreReadOnlyFields != defaults.IgnoreReadOnlyFields
            || options.IncludeFields != defaults.IncludeFields
            || options.NumberHandling != defaults.NumberHandling
            || options.WriteIndented != defaults.WriteIndented
            || options.AllowTrailingCommas != defaults.AllowTrailingCommas
            || options.ReadCommentHandling != defaults.ReadCommentHandling
            || options.UnmappedMemberHandling != defaults.UnmappedMemberHandling
            || options.UnknownTypeHandling != defaults.UnknownTypeHandling
            || options.PreferredObjectCreationHandling != defaults.PreferredObjectCreationHandling
            || options.RespectNullableAnnotations != defaults.RespectNullableAnnotations
            || options.RespectRequiredConstructorParameters != defaults.RespectRequiredConstructorParameters
            || options.AllowDuplicateProperties != defaults.AllowDuplicateProperties
            || options.MaxDepth != defaults.MaxDepth
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

    // Held apart so that building the app creates no JsonSerializerOptions: an app whose functions never
    // need JSON metadata (raw HTTP only) does not start System.Text.Json's option machinery at all.
    private static class Defaults
    {
        // A fresh instance, not JsonSerializerOptions.Default (that one roots the reflection resolver).
        public static readonly JsonSerializerOptions Options = new();
    }
}
