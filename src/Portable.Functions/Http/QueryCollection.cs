using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;

namespace Portable.Functions;

/// <summary>
/// Multi-value query parameters. Names are case-sensitive (ordinal), as in the URI itself (RFC 3986
/// §6.2.2.1 makes only the scheme and host case-insensitive): <c>?Key=1&amp;key=2</c> is two parameters,
/// unlike ASP.NET Core's collection, which merges them. Like ASP.NET Core's, the indexer returns
/// <see cref="StringValues.Empty"/> for a missing name instead of throwing.
/// </summary>
public sealed class QueryCollection : IReadOnlyDictionary<string, StringValues>
{
    private readonly Dictionary<string, StringValues> _values;

    /// <summary>Creates a collection from parsed values.</summary>
    /// <param name="values">Values by name; copied into a case-sensitive dictionary.</param>
    /// <exception cref="ArgumentException">The same name (exact case) appears twice.</exception>
    public QueryCollection(IEnumerable<KeyValuePair<string, StringValues>> values)
        : this(new Dictionary<string, StringValues>(values ?? throw new ArgumentNullException(nameof(values)), StringComparer.Ordinal))
    {
    }

    // Takes ownership of an ordinal dictionary built by the parser: no second copy.
    private QueryCollection(Dictionary<string, StringValues> values)
    {
        _values = values;
    }

    /// <summary>An empty collection.</summary>
    public static QueryCollection Empty { get; } = new(new Dictionary<string, StringValues>(0, StringComparer.Ordinal));

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<StringValues> Values => _values.Values;

    /// <summary>All values of a parameter; <see cref="StringValues.Empty"/> when absent.</summary>
    /// <param name="key">Parameter name, exact case.</param>
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
