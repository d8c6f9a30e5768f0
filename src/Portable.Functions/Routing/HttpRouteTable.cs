namespace Portable.Functions;

/// <summary>
/// Static HTTP routing: candidates ordered by specificity (more literal segments, then no catch-all,
/// then registration order). A path that matches only with other methods answers 405 with <c>Allow</c>.
/// </summary>
internal sealed class HttpRouteTable
{
    private readonly FunctionDescriptor[] _routes;

    public HttpRouteTable(IEnumerable<FunctionDescriptor> functions)
    {
        _routes = functions
            .Where(f => f.Template is not null)
            .Select((f, i) => (f, i))
            .OrderByDescending(x => x.f.Template!.LiteralCount)
            .ThenBy(x => x.f.Template!.HasCatchAll ? 1 : 0)
            .ThenByDescending(x => x.f.Template!.SegmentCount)
            .ThenBy(x => x.i)
            .Select(x => x.f)
            .ToArray();
    }

    public bool IsEmpty => _routes.Length == 0;

    /// <summary>True when some route's template matches the path, whatever the method.</summary>
    public bool MatchesPath(string path)
    {
        foreach (var route in _routes)
        {
            if (route.Template!.Match(path) is not null)
            {
                return true;
            }
        }

        return false;
    }

    public FunctionDescriptor Match(string method, string path, out Dictionary<string, string> values)
    {
        List<string>? allowed = null;
        foreach (var route in _routes)
        {
            var match = route.Template!.Match(path);
            if (match is null)
            {
                continue;
            }

            if (route.Methods.Count == 0 || Contains(route.Methods, method) || (method == HttpMethods.Head && Contains(route.Methods, HttpMethods.Get)))
            {
                values = match;
                return route;
            }

            allowed ??= [];
            allowed.AddRange(route.Methods);
        }

        if (allowed is not null)
        {
            throw new FunctionProblemException(405, "Method Not Allowed", $"{method} is not allowed for this path.")
            {
                Headers = [new("Allow", string.Join(", ", allowed.Distinct(StringComparer.Ordinal)))],
            };
        }

        throw new FunctionProblemException(404, "Not Found", "No function is registered for this path.");
    }

    private static bool Contains(IReadOnlyList<string> methods, string method)
    {
        foreach (var m in methods)
        {
            if (ReferenceEquals(m, method) || m == method)
            {
                return true;
            }
        }

        return false;
    }
}
