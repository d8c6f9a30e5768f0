namespace Portable.Functions;

/// <summary>
/// A static route template: literal segments (matched ignoring case), <c>{name}</c> parameters and a
/// final <c>{*name}</c> catch-all. Nothing is evaluated: no constraints, no expressions.
/// </summary>
internal sealed class RouteTemplate
{
    private readonly Segment[] _segments;
    // A template without parameters, written canonically ("/a/b"): a path spelled the same way (any
    // case) matches, and a path without empty segments spelled otherwise cannot; only other paths are
    // walked segment by segment.
    private readonly string? _literalPath;

    private RouteTemplate(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
        // Plain loops, not LINQ over the Segment struct: a generic instantiation over an app struct is
        // compiled at run time by the managed runtime, even in a ReadyToRun image.
        var shape = new System.Text.StringBuilder();
        foreach (var segment in segments)
        {
            shape.Append('/').Append(segment.Kind switch
            {
                SegmentKind.Literal => segment.Text.ToLowerInvariant(),
                SegmentKind.Parameter => "{}",
                _ => "{*}",
            });
            LiteralCount += segment.Kind == SegmentKind.Literal ? 1 : 0;
        }

        if (LiteralCount == segments.Length)
        {
            var literals = new string[segments.Length];
            for (var i = 0; i < segments.Length; i++)
            {
                literals[i] = segments[i].Text;
            }

            _literalPath = "/" + string.Join('/', literals);
        }

        Shape = shape.Length == 0 ? "/" : shape.ToString();
    }

    public string Text { get; }

    public int LiteralCount { get; }

    /// <summary>The template with parameter names erased: equal shapes match exactly the same paths.</summary>
    public string Shape { get; }

    public bool HasCatchAll => _segments.Length > 0 && _segments[^1].Kind == SegmentKind.CatchAll;

    public int SegmentCount => _segments.Length;

    public static RouteTemplate Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (!template.StartsWith('/'))
        {
            template = "/" + template;
        }

        var parts = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = new Segment[parts.Length];
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.StartsWith('{') && part.EndsWith('}'))
            {
                var catchAll = part.Length > 2 && part[1] == '*';
                var name = part[(catchAll ? 2 : 1)..^1];
                if (name.Length == 0 || !names.Add(name) || name.AsSpan().ContainsAny("{}*/"))
                {
                    throw new ArgumentException($"Route template '{template}' has an invalid or repeated parameter '{part}'.", nameof(template));
                }

                if (catchAll && i != parts.Length - 1)
                {
                    throw new ArgumentException($"Route template '{template}': a catch-all parameter must be the last segment.", nameof(template));
                }

                segments[i] = new Segment(catchAll ? SegmentKind.CatchAll : SegmentKind.Parameter, name);
            }
            else if (part.AsSpan().ContainsAny("{}"))
            {
                throw new ArgumentException($"Route template '{template}': segment '{part}' mixes literal text and a parameter.", nameof(template));
            }
            else
            {
                segments[i] = new Segment(SegmentKind.Literal, part);
            }
        }

        return new RouteTemplate(template, segments);
    }

    /// <summary>Matches a path; on success returns the captured values (possibly empty).</summary>
    public IReadOnlyDictionary<string, string>? Match(string path)
    {
        if (_literalPath is not null)
        {
            if (string.Equals(path, _literalPath, StringComparison.OrdinalIgnoreCase))
            {
                return FunctionRequest.EmptyRouteValues;
            }

            if (path.StartsWith('/') && !path.Contains("//", StringComparison.Ordinal) && (path.Length == 1 || path[^1] != '/'))
            {
                return null;
            }
        }

        var span = path.AsSpan();
        Dictionary<string, string>? values = null;
        var index = 0;
        foreach (var range in span.Split('/'))
        {
            var part = span[range];
            if (part.IsEmpty)
            {
                continue;
            }

            if (index >= _segments.Length)
            {
                return null;
            }

            var segment = _segments[index];
            switch (segment.Kind)
            {
                case SegmentKind.Literal:
                    if (!part.Equals(segment.Text, StringComparison.OrdinalIgnoreCase))
                    {
                        return null;
                    }

                    break;
                case SegmentKind.Parameter:
                    (values ??= new(StringComparer.OrdinalIgnoreCase))[segment.Text] = Unescape(part);
                    break;
                case SegmentKind.CatchAll:
                    (values ??= new(StringComparer.OrdinalIgnoreCase))[segment.Text] = Unescape(span[range.Start..].TrimEnd('/'));
                    return values;
            }

            index++;
        }

        if (index == _segments.Length)
        {
            // Literal routes share one empty map: no allocation per request.
            return values ?? FunctionRequest.EmptyRouteValues;
        }

        // An empty catch-all still matches ("/files" against "/files/{*path}").
        if (index == _segments.Length - 1 && _segments[index].Kind == SegmentKind.CatchAll)
        {
            (values ??= new(StringComparer.OrdinalIgnoreCase))[_segments[index].Text] = string.Empty;
            return values;
        }

        return null;
    }

    // Paths keep %2F encoded (see FunctionRequest.Path); a captured value is fully decoded.
    private static string Unescape(ReadOnlySpan<char> value) =>
        value.Contains('%') ? Uri.UnescapeDataString(value.ToString()) : value.ToString();

    private enum SegmentKind
    {
        Literal,
        Parameter,
        CatchAll,
    }

    private readonly record struct Segment(SegmentKind Kind, string Text);
}
