using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Portable.Functions.Hosting;

namespace Portable.Functions.Testing;

/// <summary>
/// The OpenWhisk invoker's calls to an action container (docs/actions-new.md, "Action interface", in
/// apache/openwhisk): <c>POST /init</c> once, then <c>POST /run</c> per activation with the parameters as
/// <c>value</c>; web action parameters per docs/webactions.md (<c>__ow_method</c>, <c>__ow_path</c>,
/// <c>__ow_headers</c>, <c>__ow_query</c>, <c>__ow_body</c>). Send <see cref="Init"/> first: the runtime
/// refuses <c>/run</c> before it (502), as the reference proxy does.
/// </summary>
public static class OpenWhiskActivations
{
    /// <summary>The <c>/init</c> call (<c>{"value": {"name", "main", "code", "binary"}}</c>).</summary>
    /// <param name="main">The entry point, which can name the target function; <see langword="null"/> routes by path or event type.</param>
    /// <returns>The request.</returns>
    public static NativeRequest Init(string? main = null) => Post("/init", new JsonObject
    {
        ["value"] = new JsonObject { ["name"] = "tests", ["main"] = main ?? "main", ["code"] = string.Empty, ["binary"] = false },
    });

    /// <summary>A <c>/run</c> call with plain parameters (a trigger, a direct invocation).</summary>
    /// <param name="valueJson">The parameters object as JSON.</param>
    /// <param name="activationId">The activation id (the invocation id); generated when <see langword="null"/>.</param>
    /// <param name="deadline">The activation's <c>deadline</c>; a minute from now when <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException"><paramref name="valueJson"/> is not JSON.</exception>
    public static NativeRequest Run(string valueJson, string? activationId = null, DateTimeOffset? deadline = null) =>
        Run(NativeJson.Parse(valueJson, nameof(valueJson)), activationId, deadline);

    /// <summary>A <c>/run</c> call of a raw web action: the HTTP request as <c>__ow_*</c> parameters (text bodies as text, others base64, as the controller sends them).</summary>
    /// <param name="method">The method.</param>
    /// <param name="pathAndQuery">The path after the action's name, and the query.</param>
    /// <param name="body">The body text, or <see langword="null"/>.</param>
    /// <param name="contentType">The body's content type.</param>
    /// <returns>The request.</returns>
    public static NativeRequest WebAction(string method, string pathAndQuery, string? body = null, string contentType = "application/json")
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var (path, query) = NativeJson.SplitPath(pathAndQuery);
        var headers = new JsonObject { ["host"] = "openwhisk.example", ["x-forwarded-for"] = "203.0.113.7" };
        var value = new JsonObject
        {
            ["__ow_method"] = method.ToLowerInvariant(),
            ["__ow_path"] = path,
            ["__ow_headers"] = headers,
            ["__ow_query"] = query,
        };
        if (body is not null)
        {
            headers["content-type"] = contentType;
            value["__ow_body"] = contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ? body : Convert.ToBase64String(Encoding.UTF8.GetBytes(body));
        }

        return Run(value, null, null);
    }

    private static NativeRequest Run(JsonNode? value, string? activationId, DateTimeOffset? deadline) => Post("/run", new JsonObject
    {
        ["value"] = value,
        ["namespace"] = "guest",
        ["action_name"] = "/guest/tests",
        ["activation_id"] = activationId ?? Guid.NewGuid().ToString("N"),
        ["transaction_id"] = Guid.NewGuid().ToString("N"),
        ["deadline"] = (deadline ?? DateTimeOffset.UtcNow.AddMinutes(1)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
    });

    private static NativeRequest Post(string path, JsonObject body) => new()
    {
        Method = "POST",
        Path = path,
        Headers = NativeJson.Headers(("Content-Type", "application/json")),
        Body = NativeJson.Bytes(body),
    };
}
