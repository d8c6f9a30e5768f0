using Microsoft.Extensions.Configuration;

namespace HybridGateway.Gateway;

/// <summary>Where the backend is and how long one call to it may take (configuration section <c>Backend</c>).</summary>
internal sealed class BackendOptions
{
    /// <summary>The named <see cref="HttpClient"/> of the backend.</summary>
    public const string ClientName = "backend";

    private BackendOptions(Uri baseUrl, TimeSpan? timeout)
    {
        BaseUrl = baseUrl;
        Timeout = timeout;
    }

    /// <summary><c>Backend:BaseUrl</c>: the service's URL (in-cluster, or its ingress); default <c>http://127.0.0.1:8081/</c> (run-local.sh).</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// <c>Backend:TimeoutSeconds</c>: a bound on one backend call shorter than the invocation's deadline,
    /// or <see langword="null"/> (default) to let the deadline alone bound it.
    /// </summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Reads and checks the section.</summary>
    /// <exception cref="InvalidOperationException">A value that is not an absolute http(s) URL or a whole number of seconds from 1 to 900.</exception>
    public static BackendOptions Read(IConfiguration configuration)
    {
        var url = configuration["Backend:BaseUrl"] is { Length: > 0 } text ? text : "http://127.0.0.1:8081/";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"Backend:BaseUrl must be an absolute http or https URL, not '{url}'.");
        }

        // A base address without a trailing slash would drop its last segment when a relative path is resolved.
        baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        TimeSpan? timeout = null;
        if (configuration["Backend:TimeoutSeconds"] is { Length: > 0 } seconds)
        {
            timeout = int.TryParse(seconds, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 900
                ? TimeSpan.FromSeconds(value)
                : throw new InvalidOperationException($"Backend:TimeoutSeconds must be a whole number from 1 to 900, not '{seconds}'.");
        }

        return new BackendOptions(baseUrl, timeout);
    }
}
