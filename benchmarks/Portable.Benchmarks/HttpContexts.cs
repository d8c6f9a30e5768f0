using System.Text;
using Microsoft.AspNetCore.Http;

namespace Portable.Benchmarks;

/// <summary>Requests as Kestrel hands them to the Knative handler: a fresh context per invocation.</summary>
internal static class HttpContexts
{
    public static DefaultHttpContext Get(string path, string query)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "GET";
        request.Path = path;
        request.QueryString = new QueryString(query);
        request.Headers.Host = "localhost:8080";
        request.Headers.Accept = "*/*";
        request.Headers.UserAgent = "benchmark";
        return context;
    }

    public static DefaultHttpContext Post(string path, byte[] body, string contentType, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Path = path;
        request.Headers.Host = "localhost:8080";
        request.Headers.UserAgent = "benchmark";
        request.ContentType = contentType;
        request.ContentLength = body.Length;
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        request.Body = new MemoryStream(body, writable: false);
        return context;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>
    /// Runs one request through a handler and fails the benchmark setup unless it got the expected
    /// status, so no benchmark can quietly time an error path.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another status came back.</exception>
    public static void RequireStatus(Func<HttpContext, Task> handler, DefaultHttpContext context, int expected)
    {
        handler(context).GetAwaiter().GetResult();
        if (context.Response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{context.Request.Method} {context.Request.Path} answered {context.Response.StatusCode}, expected {expected}.");
        }
    }
}
