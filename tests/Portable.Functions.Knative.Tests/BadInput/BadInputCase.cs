using System.Text;

namespace Portable.Functions.Knative.Tests.BadInput;

/// <summary>One hostile request and the status it must end in.</summary>
/// <param name="Name">Readable case name.</param>
/// <param name="Raw">The exact HTTP/1.1 request bytes (Latin-1 string, so invalid UTF-8 survives).</param>
/// <param name="ExpectedStatus">The clear 4xx expected.</param>
/// <param name="LoggedByPipeline">False for requests Kestrel rejects before the pipeline sees them.</param>
/// <param name="Undeliverable">A valid CloudEvent no function can take (unknown type, data that does not fit): logged at Warning, not Information.</param>
public sealed record BadInputCase(string Name, string Raw, int ExpectedStatus, bool LoggedByPipeline = true, bool Undeliverable = false)
{
    public override string ToString() => Name;

    public static string Request(string method, string path, IEnumerable<(string Name, string Value)> headers, byte[] body)
    {
        var builder = new StringBuilder();
        builder.Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        builder.Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        builder.Append(Encoding.Latin1.GetString(body));
        return builder.ToString();
    }
}
