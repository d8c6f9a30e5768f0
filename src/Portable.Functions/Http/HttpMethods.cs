namespace Portable.Functions;

/// <summary>Canonical method strings, interned so routing compares references first.</summary>
internal static class HttpMethods
{
    public const string Get = "GET";
    public const string Post = "POST";
    public const string Put = "PUT";
    public const string Delete = "DELETE";
    public const string Patch = "PATCH";
    public const string Head = "HEAD";
    public const string Options = "OPTIONS";

    public static string Normalize(string method) => method switch
    {
        Get or "get" => Get,
        Post or "post" => Post,
        Put or "put" => Put,
        Delete or "delete" => Delete,
        Patch or "patch" => Patch,
        Head or "head" => Head,
        Options or "options" => Options,
        _ => method.ToUpperInvariant(),
    };
}
