using System.Text;
using System.Text.Json;

namespace Portable.Functions.Aws;

/// <summary>
/// Reads a single-value ALB target event into the neutral request in one forward
/// <see cref="Utf8JsonReader"/> pass, without the <see cref="JsonDocument"/> the shape detection
/// otherwise needs. It only takes the common case: a top-level object with the ALB members
/// (<c>requestContext</c> holding only <c>elb</c>, <c>httpMethod</c>, <c>path</c>, <c>resource</c>,
/// <c>headers</c>, <c>queryStringParameters</c>, <c>body</c>, <c>isBase64Encoded</c>), each at most
/// once, of the expected JSON type, with no repeated header or query name.
/// </summary>
/// <remarks>
/// Anything else (malformed JSON, a multi-value event, an unknown or repeated member, a wrong type, a
/// header that is not valid HTTP, a body that is not base64, no method) returns false and the event
/// takes the document route (<see cref="EventShapeDetector"/>, <see cref="HttpEventReader"/>,
/// <see cref="AwsHttpMapper"/>), so unusual events keep exactly its rules and error messages. Never throws.
/// </remarks>
internal static class AlbEventReader
{
    private static readonly JsonReaderOptions s_options = new() { MaxDepth = 128 };

    /// <summary>Reads the event when it is a plain single-value ALB event; false sends it to the document route.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out FunctionRequest? request)
    {
        request = null;
        try
        {
            return TryReadCore(json, out request);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException or FunctionProblemException)
        {
            // Malformed JSON, a value the reader cannot convert, a header the collection refuses, a body that
            // is not base64: the document route answers these with its own error.
            request = null;
            return false;
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> json, out FunctionRequest? request)
    {
        request = null;
        var reader = new Utf8JsonReader(json, s_options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = Member.None;
        string? method = null, path = null, body = null, query = null;
        var isBase64 = false;
        HeaderCollection? headers = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = Identify(ref reader);
            if (member == Member.None || (seen & member) != 0)
            {
                // Unknown (another shape, or a member whose rules only the document route knows) or repeated.
                return false;
            }

            seen |= member;
            reader.Read();
            var ok = member switch
            {
                Member.RequestContext => ReadContext(ref reader),
                Member.HttpMethod => ReadString(ref reader, out method),
                Member.Path => ReadString(ref reader, out path),
                Member.Resource => ReadString(ref reader, out _),
                Member.Headers => ReadHeaders(ref reader, out headers),
                Member.Query => ReadQuery(ref reader, out query),
                Member.Body => ReadString(ref reader, out body),
                _ => ReadBool(ref reader, out isBase64),
            };
            if (!ok)
            {
                return false;
            }
        }

        // The end of the root object, then nothing but whitespace (Read throws on trailing content).
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || (seen & Member.RequestContext) == 0 || string.IsNullOrEmpty(method))
        {
            return false;
        }

        headers ??= new HeaderCollection();
        var bytes = AwsHttpMapper.DecodeBody(body, isBase64);
        request = new FunctionRequest(method, UrlEncoding.DecodePath(path is { Length: > 0 } p ? p : "/"), headers)
        {
            QueryString = query ?? string.Empty,
            Body = bytes.Length == 0 ? Stream.Null : new MemoryStream(bytes, writable: false),
            RemoteIpAddress = AwsHttpMapper.LastForwardedFor(headers),
        };
        return true;
    }

    private static Member Identify(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return Member.None;
        }

        var name = reader.ValueSpan;
        return name switch
        {
            _ when name.SequenceEqual("requestContext"u8) => Member.RequestContext,
            _ when name.SequenceEqual("httpMethod"u8) => Member.HttpMethod,
            _ when name.SequenceEqual("path"u8) => Member.Path,
            _ when name.SequenceEqual("resource"u8) => Member.Resource,
            _ when name.SequenceEqual("headers"u8) => Member.Headers,
            _ when name.SequenceEqual("queryStringParameters"u8) => Member.Query,
            _ when name.SequenceEqual("body"u8) => Member.Body,
            _ when name.SequenceEqual("isBase64Encoded"u8) => Member.IsBase64Encoded,
            _ => Member.None,
        };
    }

    /// <summary><c>requestContext</c>: an object whose only member is <c>elb</c> (what makes the event an ALB one).</summary>
    private static bool ReadContext(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var elb = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (elb || reader.ValueIsEscaped || !reader.ValueSpan.SequenceEqual("elb"u8))
            {
                return false;
            }

            elb = true;
            reader.Skip();
        }

        return elb;
    }

    private static bool ReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    private static bool ReadBool(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    /// <summary>Single-value headers: string or null values (null is empty), no name twice in any case.</summary>
    private static bool ReadHeaders(ref Utf8JsonReader reader, out HeaderCollection? headers)
    {
        headers = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        headers = new HeaderCollection();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = KnownHeaderName(ref reader) ?? reader.GetString()!;
            reader.Read();
            if (headers.Contains(name) || !ReadString(ref reader, out var value))
            {
                return false;
            }

            headers.Add(name, value ?? string.Empty);
        }

        return true;
    }

    /// <summary>
    /// The header names an ALB sends on nearly every request, lower-case as it sends them: one string
    /// each for the process instead of one per request.
    /// </summary>
    private static readonly (byte[] Utf8, string Name)[] s_knownHeaders = KnownHeaders(
        "accept", "accept-encoding", "accept-language", "content-length", "content-type", "cookie", "host", "user-agent",
        "x-amzn-trace-id", "x-forwarded-for", "x-forwarded-port", "x-forwarded-proto", "upgrade-insecure-requests", "connection");

    // A loop rather than LINQ: this runs in every cold start, where a Select over a tuple is generic code
    // the managed runtime JIT-compiles even from a ReadyToRun image.
    private static (byte[] Utf8, string Name)[] KnownHeaders(params string[] names)
    {
        var known = new (byte[] Utf8, string Name)[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            known[i] = (Encoding.UTF8.GetBytes(names[i]), names[i]);
        }

        return known;
    }

    private static string? KnownHeaderName(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return null;
        }

        var name = reader.ValueSpan;
        foreach (var (utf8, known) in s_knownHeaders)
        {
            if (utf8.Length == name.Length && name.SequenceEqual(utf8))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>ALB's single-value query map as the raw query string: values stay percent-encoded, no name twice.</summary>
    private static bool ReadQuery(ref Utf8JsonReader reader, out string? query)
    {
        query = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? first = null;
        List<string>? names = null;
        StringBuilder? builder = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!ReadString(ref reader, out var value) || (names?.Contains(name, StringComparer.Ordinal) ?? false))
            {
                return false;
            }

            var pair = string.Concat(name, "=", value);
            if (first is null)
            {
                first = pair;
                names = [name];
                continue;
            }

            names!.Add(name);
            (builder ??= new StringBuilder(first)).Append('&').Append(pair);
        }

        query = builder?.ToString() ?? first ?? string.Empty;
        return true;
    }

    [Flags]
    private enum Member
    {
        None = 0,
        RequestContext = 1,
        HttpMethod = 2,
        Path = 4,
        Resource = 8,
        Headers = 16,
        Query = 32,
        Body = 64,
        IsBase64Encoded = 128,
    }
}
