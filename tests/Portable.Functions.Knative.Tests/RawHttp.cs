using System.Net.Sockets;
using System.Text;

namespace Portable.Functions.Knative.Tests;

/// <summary>Sends hand-written HTTP/1.1 bytes over a socket and reads until the server closes.</summary>
internal static class RawHttp
{
    public static async Task<string> SendAsync(Uri address, string request, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host == "localhost" ? "127.0.0.1" : address.Host, address.Port, cancellation.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), cancellation.Token);
        using var response = new MemoryStream();
        await stream.CopyToAsync(response, cancellation.Token);
        return Encoding.Latin1.GetString(response.ToArray());
    }
}
