namespace Portable.Functions;

/// <summary>
/// Makes a handler's response safe for every adapter: <c>Set-Cookie</c> headers move to
/// <see cref="FunctionResponse.Cookies"/>, and hop-by-hop/framing headers are dropped because each
/// platform frames the body itself (a handler-set <c>Content-Length</c> or <c>Transfer-Encoding</c>
/// would corrupt HTTP/1.1 framing and is illegal in HTTP/2).
/// </summary>
internal static class ResponseNormalizer
{
    private static readonly string[] s_dropped = ["Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer", "Content-Length"];

    public static void Normalize(FunctionResponse response)
    {
        var headers = response.Headers;
        if (headers.Count == 0)
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

            headers.Remove("Set-Cookie");
        }

        foreach (var name in s_dropped)
        {
            headers.Remove(name);
        }
    }
}
