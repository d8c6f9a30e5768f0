using System.Security.Claims;
using Microsoft.Extensions.Primitives;
using Portable.Functions.Hosting;

namespace Portable.Functions;

/// <summary>
/// A platform-neutral HTTP request. Every adapter builds one from its native shape (Kestrel request,
/// API Gateway/ALB/Function URL event, Azure HTTP trigger, ...); the handler never sees the difference.
/// </summary>
/// <remarks>
/// <para><see cref="Path"/> is percent-decoded except for <c>%2F</c>, which stays encoded so a segment
/// never splits (the ASP.NET Core convention). <see cref="QueryString"/> is the raw query as received,
/// without the leading <c>?</c>; <see cref="Query"/> is parsed from it on first use unless the adapter
/// supplied the platform's own parse.</para>
/// <para>The body is never re-encoded: what the caller sent is what <see cref="Body"/> yields.</para>
/// </remarks>
public sealed class FunctionRequest
{
    private QueryCollection? _query;
    private IReadOnlyDictionary<string, string>? _cookies;
    private IReadOnlyDictionary<string, string> _routeValues = EmptyRouteValues;
    private Stream? _body = Stream.Null;
    private string? _remoteIpAddress;

    // A bridge's request (ASP.NET Core) reads its body and caller address from the native request when
    // first asked: a GET handler reads neither, and each costs a lookup (the address also a string).
    private readonly NativeRequestReader? _reader;
    private readonly object? _native;
    private bool _remoteIpAddressRead;

    internal static readonly IReadOnlyDictionary<string, string> EmptyRouteValues =
        new Dictionary<string, string>(0, StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a request.</summary>
    /// <param name="method">HTTP method, e.g. <c>GET</c>; stored upper-case.</param>
    /// <param name="path">Request path starting with <c>/</c> (an empty path becomes <c>/</c>).</param>
    /// <param name="headers">Headers; a new empty collection when <see langword="null"/>.</param>
    public FunctionRequest(string method, string path, HeaderCollection? headers = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(path);
        Method = HttpMethods.Normalize(method);
        Path = path.Length == 0 ? "/" : path[0] == '/' ? path : "/" + path;
        Headers = headers ?? new HeaderCollection();
    }

    /// <summary>A request whose <see cref="Body"/> and <see cref="RemoteIpAddress"/> <paramref name="reader"/> reads from <paramref name="native"/> when first asked.</summary>
    internal FunctionRequest(string method, string path, HeaderCollection headers, NativeRequestReader reader, object native)
        : this(method, path, headers)
    {
        _reader = reader;
        _native = native;
        _body = null;
    }

    /// <summary>HTTP method, upper-case.</summary>
    public string Method { get; }

    /// <summary>Path, decoded except <c>%2F</c>; always starts with <c>/</c>.</summary>
    public string Path { get; }

    /// <summary>Raw query string without the leading <c>?</c> (empty when none).</summary>
    public string QueryString { get; init; } = string.Empty;

    /// <summary>
    /// Multi-value query parameters (names compared ignoring case). Parsed from
    /// <see cref="QueryString"/> with form rules (<c>+</c> is a space) unless an adapter set it.
    /// </summary>
    public QueryCollection Query
    {
        get => _query ??= QueryStringParser.Parse(QueryString);
        init => _query = value;
    }

    /// <summary>Request headers, case-insensitive and multi-value.</summary>
    public HeaderCollection Headers { get; }

    /// <summary>
    /// Request cookies by name, parsed from every <c>Cookie</c> header on first use unless an adapter
    /// set them (API Gateway v2 delivers a separate <c>cookies</c> array). The first value of a repeated
    /// name wins.
    /// </summary>
    public IReadOnlyDictionary<string, string> Cookies
    {
        get => _cookies ??= CookieParser.Parse(Headers["Cookie"]);
        init => _cookies = value;
    }

    /// <summary>The request body. Never <see langword="null"/>; <see cref="Stream.Null"/> when empty.</summary>
    public Stream Body
    {
        get => _body ?? ReadBody();
        init => _body = value;
    }

    /// <summary>Content type of the body, from the <c>Content-Type</c> header.</summary>
    public string? ContentType => Headers.GetFirst("Content-Type");

    /// <summary>Values captured by the matched route template, e.g. <c>{id}</c>.</summary>
    public IReadOnlyDictionary<string, string> RouteValues
    {
        get => _routeValues;
        internal set => _routeValues = value;
    }

    /// <summary>
    /// The caller as the platform authenticated it (API Gateway authorizer claims, IAM caller, Azure
    /// Easy Auth, ...), or <see langword="null"/> when the platform did not authenticate the call.
    /// </summary>
    public ClaimsPrincipal? User { get; init; }

    /// <summary>Caller IP address as the platform reports it, when known.</summary>
    /// <remarks>
    /// The ASP.NET Core hosts (Knative, Cloud Run functions, Azure custom handler, OpenFaaS, OpenWhisk) read
    /// it, like <see cref="Body"/>, from the native request when first asked: read it while the invocation
    /// runs. After the request has finished, ASP.NET Core may have released its context, and reading
    /// then throws <see cref="ObjectDisposedException"/>.
    /// </remarks>
    public string? RemoteIpAddress
    {
        get
        {
            if (_reader is not null && !Volatile.Read(ref _remoteIpAddressRead))
            {
                // Two first readers read the same address; either store is the same text.
                _remoteIpAddress = _reader.ReadRemoteIpAddress(_native!);
                Volatile.Write(ref _remoteIpAddressRead, true);
            }

            return _remoteIpAddress;
        }

        init
        {
            _remoteIpAddress = value;
            _remoteIpAddressRead = true;
        }
    }

    private Stream ReadBody()
    {
        if (_reader is null)
        {
            // Only an explicit null body gets here (the property is not nullable).
            return _body!;
        }

        // The first reader's stream wins for every reader, so two readers never get two wrappers of one body.
        var body = _reader.ReadBody(_native!);
        return Interlocked.CompareExchange(ref _body, body, null) ?? body;
    }

    /// <summary>Creates a request whose body is the given bytes.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="path">Request path.</param>
    /// <param name="body">Body bytes; wrapped, not copied.</param>
    /// <param name="headers">Headers, or <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static FunctionRequest WithBody(string method, string path, ReadOnlyMemory<byte> body, HeaderCollection? headers = null) =>
        new(method, path, headers) { Body = BufferedBody.Wrap(body) };
}
