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
    // A parsed query string usually has a few parameters: the parser hands them over as an array in
    // first-seen order (searched linearly, enumerated in that order, as a dictionary without removals
    // would be); bigger ones and caller-supplied ones live in a dictionary.
    private readonly Dictionary<string, StringValues>? _values;
    private readonly KeyValuePair<string, StringValues>[]? _pairs;
    private readonly int _count;

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
        _count = values.Count;
    }

    // Takes ownership of the first count pairs, distinct names in first-seen order.
    private QueryCollection(KeyValuePair<string, StringValues>[] pairs, int count)
    {
        _pairs = pairs;
        _count = count;
    }

    /// <summary>An empty collection.</summary>
    public static QueryCollection Empty { get; } = new([], 0);

    /// <inheritdoc />
    public int Count => _count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values?.Keys ?? PairKeys();

    /// <inheritdoc />
    public IEnumerable<StringValues> Values => _values?.Values ?? PairValues();

    /// <summary>All values of a parameter; <see cref="StringValues.Empty"/> when absent.</summary>
    /// <param name="key">Parameter name, exact case.</param>
    public StringValues this[string key] => TryGetValue(key, out var values) ? values : StringValues.Empty;

    /// <inheritdoc />
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out StringValues value)
    {
        if (_values is not null)
        {
            return _values.TryGetValue(key, out value);
        }

        ArgumentNullException.ThrowIfNull(key);
        var slot = IndexOf(_pairs!, _count, key);
        value = slot >= 0 ? _pairs![slot].Value : default;
        return slot >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator() => _values?.GetEnumerator() ?? EnumeratePairs();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static QueryCollection Own(Dictionary<string, StringValues> values) => new(values);

    internal static QueryCollection Own(KeyValuePair<string, StringValues>[] pairs, int count) => new(pairs, count);

    /// <summary>The slot of <paramref name="key"/> (ordinal) among the first <paramref name="count"/> pairs, or -1.</summary>
    internal static int IndexOf(KeyValuePair<string, StringValues>[] pairs, int count, string key)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(pairs[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private IEnumerator<KeyValuePair<string, StringValues>> EnumeratePairs()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _pairs![i];
        }
    }

    private IEnumerable<string> PairKeys()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _pairs![i].Key;
        }
    }

    private IEnumerable<StringValues> PairValues()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _pairs![i].Value;
        }
    }
}
