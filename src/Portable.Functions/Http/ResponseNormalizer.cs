namespace Portable.Functions;

/// <summary>
/// Makes a handler's response safe for every adapter: <c>Set-Cookie</c> headers move to
/// <see cref="FunctionResponse.Cookies"/>, and hop-by-hop/framing headers are dropped because each
/// platform frames the body itself (a handler-set <c>Content-Length</c> or <c>Transfer-Encoding</c>
/// would corrupt HTTP/1.1 framing and is illegal in HTTP/2).
/// </summary>
internal static class ResponseNormalizer
{
    private static readonly Func<string, bool> s_isDropped = IsDropped;

    public static void Normalize(FunctionResponse response)
    {
        var headers = response.Headers;
        if (headers.Count == 0)
        {
            return;
        }

        // One pass over the (few) headers a handler set, instead of a removal attempt per dropped name.
        var drop = headers.FindNames(s_isDropped);
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

    /// <summary>Whether a header is hop-by-hop, framing or <c>Set-Cookie</c> (by length first: most names are rejected without a comparison).</summary>
    internal static bool IsDropped(string name) => name.Length switch
    {
        2 => Is(name, "TE"),
        7 => Is(name, "Upgrade") || Is(name, "Trailer"),
        10 => Is(name, "Connection") || Is(name, "Keep-Alive") || Is(name, "Set-Cookie"),
        14 => Is(name, "Content-Length"),
        16 => Is(name, "Proxy-Connection"),
        17 => Is(name, "Transfer-Encoding"),
        _ => false,
    };

    private static bool Is(string name, string dropped) => string.Equals(name, dropped, StringComparison.OrdinalIgnoreCase);
}
