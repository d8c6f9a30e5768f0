using System.Buffers;
using System.Collections;
using Microsoft.Extensions.Primitives;

namespace Portable.Functions;

/// <summary>
/// Case-insensitive, multi-value HTTP header collection used by <see cref="FunctionRequest"/> and
/// <see cref="FunctionResponse"/>.
/// </summary>
/// <remarks>
/// Every name and value that goes in is validated: a name must be an RFC 9110 token and a value must
/// not contain CR, LF or NUL. A handler that tries to return an injected header therefore fails with
/// <see cref="ArgumentException"/> inside the pipeline (mapped to a 500), instead of the bytes
/// reaching the wire.
/// </remarks>
public sealed class HeaderCollection : IEnumerable<KeyValuePair<string, StringValues>>
{
    private static readonly SearchValues<char> s_forbiddenValueChars = SearchValues.Create("\r\n\0");
    private static readonly SearchValues<char> s_tokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly IDictionary<string, StringValues> _values;

    /// <summary>Creates an empty collection.</summary>
    public HeaderCollection()
    {
        _values = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
    }

    private HeaderCollection(IDictionary<string, StringValues> values)
    {
        _values = values;
    }

    /// <summary>
    /// Wraps an existing case-insensitive dictionary (such as ASP.NET Core's request headers) without
    /// copying it. The caller guarantees that <paramref name="values"/> compares names ignoring case and
    /// that its content was already validated by the server that parsed it.
    /// </summary>
    /// <param name="values">The dictionary to wrap; it is used, not copied.</param>
    /// <returns>A collection backed by <paramref name="values"/>.</returns>
    public static HeaderCollection Wrap(IDictionary<string, StringValues> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new HeaderCollection(values);
    }

    /// <summary>Number of distinct header names.</summary>
    public int Count => _values.Count;

    /// <summary>The collection's own dictionary (not a wrapped one): enumerated without boxing its enumerator.</summary>
    internal Dictionary<string, StringValues>? OwnValues => _values as Dictionary<string, StringValues>;

    /// <summary>
    /// Gets all values of a header (empty when absent), or replaces them. Setting
    /// <see cref="StringValues.Empty"/> removes the header.
    /// </summary>
    /// <param name="name">Header name, any case.</param>
    public StringValues this[string name]
    {
        get => _values.TryGetValue(name, out var values) ? values : StringValues.Empty;
        set => Set(name, value);
    }

    /// <summary>Returns the first value of a header, or <see langword="null"/> when absent.</summary>
    /// <param name="name">Header name, any case.</param>
    public string? GetFirst(string name) =>
        _values.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>Appends one value to a header, keeping the values already there.</summary>
    /// <param name="name">Header name; must be a valid token.</param>
    /// <param name="value">Header value; CR, LF and NUL are rejected.</param>
    /// <exception cref="ArgumentException">The name or value is not valid in an HTTP header.</exception>
    public void Add(string name, string value)
    {
        ValidateName(name);
        ValidateValue(name, value);
        _values[name] = _values.TryGetValue(name, out var existing) ? StringValues.Concat(existing, value) : new StringValues(value);
    }

    /// <summary>Appends several values to a header.</summary>
    /// <param name="name">Header name; must be a valid token.</param>
    /// <param name="values">Values to append.</param>
    /// <exception cref="ArgumentException">The name or a value is not valid in an HTTP header.</exception>
    public void Add(string name, StringValues values)
    {
        ValidateName(name);
        foreach (var value in values)
        {
            ValidateValue(name, value);
        }

        _values[name] = _values.TryGetValue(name, out var existing) ? StringValues.Concat(existing, values) : values;
    }

    /// <summary>Replaces all values of a header; an empty <paramref name="values"/> removes it.</summary>
    /// <param name="name">Header name; must be a valid token.</param>
    /// <param name="values">The new values.</param>
    /// <exception cref="ArgumentException">The name or a value is not valid in an HTTP header.</exception>
    public void Set(string name, StringValues values)
    {
        ValidateName(name);
        if (values.Count == 0)
        {
            _values.Remove(name);
            return;
        }

        foreach (var value in values)
        {
            ValidateValue(name, value);
        }

        _values[name] = values;
    }

    /// <summary>Looks a header up by name, ignoring case.</summary>
    /// <param name="name">Header name.</param>
    /// <param name="values">The values when found.</param>
    /// <returns><see langword="true"/> when the header is present.</returns>
    public bool TryGetValue(string name, out StringValues values) => _values.TryGetValue(name, out values);

    /// <summary>Tells whether a header is present.</summary>
    /// <param name="name">Header name.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>Removes a header.</summary>
    /// <param name="name">Header name.</param>
    /// <returns><see langword="true"/> when it was present.</returns>
    public bool Remove(string name) => _values.Remove(name);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.AsSpan().ContainsAnyExcept(s_tokenChars))
        {
            throw new ArgumentException($"'{Sanitize(name)}' is not a valid HTTP header name.", nameof(name));
        }
    }

    private static void ValidateValue(string name, string? value)
    {
        if (value is not null && value.AsSpan().ContainsAny(s_forbiddenValueChars))
        {
            throw new ArgumentException($"The value of header '{name}' contains CR, LF or NUL.", nameof(value));
        }
    }

    private static string Sanitize(string name) =>
        name.Length > 64 ? string.Concat(name.AsSpan(0, 64).ToString().Replace('\r', '?').Replace('\n', '?'), "...")
                         : name.Replace('\r', '?').Replace('\n', '?');
}
