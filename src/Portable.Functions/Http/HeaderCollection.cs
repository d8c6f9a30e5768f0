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

    // Most collections hold a handful of headers (a response: its Content-Type). Up to InlineCapacity
    // names live in a small array, searched linearly; the next new name moves them into a dictionary.
    // The array mirrors Dictionary's layout exactly (a removed slot is reused by the next new name, most
    // recently freed first), so enumeration order is the same as the dictionary-backed collection's.
    private const int InlineCapacity = 8;

    // Null (empty), the inline array, or a dictionary (wrapped, or grown past the array): one field,
    // as every request and response has a collection.
    private object? _store;

    // The array's bookkeeping in one word: bits 0-23 the freed slot indexes (3 bits each, most recent
    // lowest), 24-27 how many are freed, 28-31 how many slots are used, 32-63 a version bumped when a
    // name is added, as Dictionary does, so an enumeration fails the same way when the collection gains
    // a name under it (removals and replacements are allowed during enumeration).
    private ulong _state;

    /// <summary>Creates an empty collection.</summary>
    public HeaderCollection()
    {
    }

    private HeaderCollection(IDictionary<string, StringValues> values)
    {
        _store = values;
    }

    private int Used => (int)(_state >> 28) & 0xF;

    private int FreeCount => (int)(_state >> 24) & 0xF;

    private uint Version => (uint)(_state >> 32);

    private KeyValuePair<string, StringValues>[]? Inline => _store as KeyValuePair<string, StringValues>[];

    private IDictionary<string, StringValues>? Dictionary => _store is null or KeyValuePair<string, StringValues>[] ? null : (IDictionary<string, StringValues>)_store;

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
    public int Count => Dictionary?.Count ?? Used - FreeCount;

    /// <summary>
    /// Gets all values of a header (empty when absent), or replaces them. Setting
    /// <see cref="StringValues.Empty"/> removes the header.
    /// </summary>
    /// <param name="name">Header name, any case.</param>
    public StringValues this[string name]
    {
        get => TryGetValue(name, out var values) ? values : StringValues.Empty;
        set => Set(name, value);
    }

    /// <summary>Returns the first value of a header, or <see langword="null"/> when absent.</summary>
    /// <param name="name">Header name, any case.</param>
    public string? GetFirst(string name) =>
        TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>Appends one value to a header, keeping the values already there.</summary>
    /// <param name="name">Header name; must be a valid token.</param>
    /// <param name="value">Header value; CR, LF and NUL are rejected.</param>
    /// <exception cref="ArgumentException">The name or value is not valid in an HTTP header.</exception>
    public void Add(string name, string value)
    {
        ValidateName(name);
        ValidateValue(name, value);
        Store(name, TryGetValue(name, out var existing) ? StringValues.Concat(existing, value) : new StringValues(value));
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

        Store(name, TryGetValue(name, out var existing) ? StringValues.Concat(existing, values) : values);
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
            Remove(name);
            return;
        }

        foreach (var value in values)
        {
            ValidateValue(name, value);
        }

        Store(name, values);
    }

    /// <summary>Looks a header up by name, ignoring case.</summary>
    /// <param name="name">Header name.</param>
    /// <param name="values">The values when found.</param>
    /// <returns><see langword="true"/> when the header is present.</returns>
    public bool TryGetValue(string name, out StringValues values)
    {
        if (Dictionary is { } dictionary)
        {
            return dictionary.TryGetValue(name, out values);
        }

        ArgumentNullException.ThrowIfNull(name);
        var slot = Find(name);
        values = slot >= 0 ? Inline![slot].Value : default;
        return slot >= 0;
    }

    /// <summary>Tells whether a header is present.</summary>
    /// <param name="name">Header name.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(string name)
    {
        if (Dictionary is { } dictionary)
        {
            return dictionary.ContainsKey(name);
        }

        ArgumentNullException.ThrowIfNull(name);
        return Find(name) >= 0;
    }

    /// <summary>Removes a header.</summary>
    /// <param name="name">Header name.</param>
    /// <returns><see langword="true"/> when it was present.</returns>
    public bool Remove(string name)
    {
        if (Dictionary is { } dictionary)
        {
            return dictionary.Remove(name);
        }

        ArgumentNullException.ThrowIfNull(name);
        var slot = Find(name);
        if (slot < 0)
        {
            return false;
        }

        Inline![slot] = default;
        var freed = ((_state & 0xFFFFFF) << 3) | (uint)slot;
        _state = (_state & ~0xFFFFFFFUL) | ((ulong)(FreeCount + 1) << 24) | (freed & 0xFFFFFF);
        return true;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator() =>
        Dictionary is { } dictionary ? dictionary.GetEnumerator() : EnumerateInline();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The names <paramref name="match"/> accepts, in enumeration order, or <see langword="null"/> when
    /// none: a look at every name without an enumerator object (unless the collection wraps a foreign dictionary).
    /// </summary>
    internal List<string>? FindNames(Func<string, bool> match)
    {
        List<string>? found = null;
        if (Dictionary is not { } dictionary)
        {
            var inline = Inline;
            for (int i = 0, used = Used; i < used; i++)
            {
                if (inline![i].Key is { } name && match(name))
                {
                    (found ??= []).Add(name);
                }
            }
        }
        else if (dictionary is Dictionary<string, StringValues> own)
        {
            foreach (var name in own.Keys)
            {
                if (match(name))
                {
                    (found ??= []).Add(name);
                }
            }
        }
        else
        {
            foreach (var (name, _) in dictionary)
            {
                if (match(name))
                {
                    (found ??= []).Add(name);
                }
            }
        }

        return found;
    }

    private int Find(string name)
    {
        var inline = Inline;
        for (int i = 0, used = Used; i < used; i++)
        {
            if (inline![i].Key is { } key && string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private void Store(string name, StringValues values)
    {
        if (Dictionary is { } dictionary)
        {
            dictionary[name] = values;
            return;
        }

        var slot = Find(name);
        var inline = Inline;
        if (slot >= 0)
        {
            // A replacement keeps the name as first added, as a dictionary keeps its key.
            inline![slot] = new(inline[slot].Key, values);
            return;
        }

        var version = (ulong)(Version + 1) << 32;
        if (FreeCount > 0)
        {
            slot = (int)(_state & 0x7);
            _state = version | ((ulong)Used << 28) | ((ulong)(FreeCount - 1) << 24) | ((_state & 0xFFFFFF) >> 3);
            inline![slot] = new(name, values);
            return;
        }

        var used = Used;
        if (used == InlineCapacity)
        {
            // Every slot is in use (free ones are taken first): the dictionary gets them in slot order,
            // the order it would have had from the start.
            var grown = new Dictionary<string, StringValues>(InlineCapacity * 2, StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in inline!)
            {
                grown.Add(key, value);
            }

            grown.Add(name, values);
            _store = grown;
            _state = version;
            return;
        }

        if (inline is null || used == inline.Length)
        {
            Array.Resize(ref inline, inline is null ? 2 : inline.Length * 2);
            _store = inline;
        }

        inline[used] = new(name, values);
        _state = version | ((ulong)(used + 1) << 28);
    }

    private IEnumerator<KeyValuePair<string, StringValues>> EnumerateInline()
    {
        var version = Version;
        var i = 0;
        while (true)
        {
            if (version != Version)
            {
                throw new InvalidOperationException("Collection was modified; enumeration operation may not execute.");
            }

            if (i >= Used)
            {
                yield break;
            }

            var entry = Inline![i++];
            if (entry.Key is not null)
            {
                yield return entry;
            }
        }
    }

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
