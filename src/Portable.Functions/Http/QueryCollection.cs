using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;

namespace Portable.Functions;

/// <summary>
/// Multi-value query parameters, names compared ignoring case. Like ASP.NET Core's query collection,
/// the indexer returns <see cref="StringValues.Empty"/> for a missing name instead of throwing.
/// </summary>
public sealed class QueryCollection : IReadOnlyDictionary<string, StringValues>
{
    private readonly Dictionary<string, StringValues> _values;

    /// <summary>Creates a collection from parsed values.</summary>
    /// <param name="values">Values by name; copied into a case-insensitive dictionary.</param>
    public QueryCollection(IEnumerable<KeyValuePair<string, StringValues>> values)
        : this(new Dictionary<string, StringValues>(values ?? throw new ArgumentNullException(nameof(values)), StringComparer.OrdinalIgnoreCase))
    {
    }

    // Takes ownership of a case-insensitive dictionary built by the parser: no second copy.
    private QueryCollection(Dictionary<string, StringValues> values)
    {
        _values = values;
    }

    /// <summary>An empty collection.</summary>
    public static QueryCollection Empty { get; } = new(new Dictionary<string, StringValues>(0, StringComparer.OrdinalIgnoreCase));

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<StringValues> Values => _values.Values;

    /// <summary>All values of a parameter; <see cref="StringValues.Empty"/> when absent.</summary>
    /// <param name="key">Parameter name, any case.</param>
    public StringValues this[string key] => _values.TryGetValue(key, out var values) ? values : StringValues.Empty;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out StringValues value) => _values.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static QueryCollection Own(Dictionary<string, StringValues> values) => new(values);
}
