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
        // A plain sort with the registration index as the last key (stable): LINQ's OrderBy over value
        // tuples needs generic code built at run time under Native AOT, at every cold start.
        var routes = functions.Where(f => f.Template is not null).ToArray();
        var order = new int[routes.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => Compare(routes[a].Template!, routes[b].Template!) is var c && c != 0 ? c : a.CompareTo(b));
        _routes = new FunctionDescriptor[routes.Length];
        for (var i = 0; i < order.Length; i++)
        {
            _routes[i] = routes[order[i]];
        }
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

    public FunctionDescriptor Match(string method, string path, out IReadOnlyDictionary<string, string> values)
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

    /// <summary>More literal segments first, then no catch-all, then more segments.</summary>
    private static int Compare(RouteTemplate a, RouteTemplate b)
    {
        var byLiterals = b.LiteralCount.CompareTo(a.LiteralCount);
        if (byLiterals != 0)
        {
            return byLiterals;
        }

        var byCatchAll = a.HasCatchAll.CompareTo(b.HasCatchAll);
        return byCatchAll != 0 ? byCatchAll : b.SegmentCount.CompareTo(a.SegmentCount);
    }
}
