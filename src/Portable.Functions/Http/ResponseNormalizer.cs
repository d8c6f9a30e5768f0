namespace Portable.Functions;

/// <summary>
/// Makes a handler's response safe for every adapter: <c>Set-Cookie</c> headers move to
/// <see cref="FunctionResponse.Cookies"/>, and hop-by-hop/framing headers are dropped because each
/// platform frames the body itself (a handler-set <c>Content-Length</c> or <c>Transfer-Encoding</c>
/// would corrupt HTTP/1.1 framing and is illegal in HTTP/2).
/// </summary>
internal static class ResponseNormalizer
{
    private static readonly HashSet<string> s_dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer", "Content-Length", "Set-Cookie",
    };

    public static void Normalize(FunctionResponse response)
    {
        var headers = response.Headers;
        if (headers.Count == 0)
        {
            return;
        }

        // One pass over the (few) headers a handler set, instead of a removal attempt per dropped name
        // (a lookup per name on every response; see benchmarks/README.md for what it cost).
        List<string>? drop = null;
        if (headers.OwnValues is { } own)
        {
            // The usual case (a response the function built): no boxed enumerator per response.
            foreach (var name in own.Keys)
            {
                if (s_dropped.Contains(name))
                {
                    (drop ??= []).Add(name);
                }
            }
        }
        else
        {
            foreach (var (name, _) in headers)
            {
                if (s_dropped.Contains(name))
                {
                    (drop ??= []).Add(name);
                }
            }
        }

        if (drop is null)
        {
            return;
        }

        if (headers.TryGetValue("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                if (!string.IsNullOrEmpty(cookie))
                {
                    response.Cookies.Add(cookie);
                }
            }
        }

        foreach (var name in drop)
        {
            headers.Remove(name);
        }
    }
}
