using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portable.Benchmarks.ColdStart;

/// <summary>
/// Polls a loopback port every 0.5 ms with a fresh connection and a raw HTTP/1.1 request until the answer
/// has the expected status and contains the expected text. Raw sockets keep the harness's own cost per
/// attempt at a connect() (refused in microseconds while nothing listens).
/// </summary>
/// <param name="Method">Request method.</param>
/// <param name="Path">Request path and query.</param>
/// <param name="ExpectedStatus">Status of a successful response.</param>
/// <param name="ExpectedText">Text the response body must contain.</param>
/// <param name="PortVariable">Environment variable that tells the subject its port.</param>
/// <param name="Body">Request body (JSON), or <see langword="null"/>.</param>
/// <param name="ContentType">The body's media type (e.g. <c>application/cloudevents+json</c> for a structured CloudEvent).</param>
/// <param name="PortFormat">How the port is written into <paramref name="PortVariable"/> (<c>{0}</c>, or a URL such as OpenFaaS's <c>upstream_url</c>).</param>
internal sealed record HttpProbe(string Method, string Path, int ExpectedStatus, string ExpectedText, string PortVariable = "PORT", string? Body = null, string PortFormat = "{0}", string ContentType = "application/json") : IProbe
{
    private const uint PollIntervalMicroseconds = 500;

    public string Description => $"{Method} {Path} → {ExpectedStatus} (port from {PortVariable})";

    /// <summary>A probe that POSTs a JSON file from Payloads/ (for platforms that call the app with an envelope).</summary>
    public static HttpProbe PostPayload(string path, string payloadFile, string expectedText, string portVariable) =>
        new("POST", path, 200, expectedText, portVariable, File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Payloads", payloadFile)));

    public IProbeRun Arm(IDictionary<string, string?> environment)
    {
        var port = FreePort();
        environment[PortVariable] = string.Format(System.Globalization.CultureInfo.InvariantCulture, PortFormat, port);
        return new Run(this, port);
    }

    /// <summary>Arms the probe for a port another probe already chose (a second request in the same run).</summary>
    public IProbeRun ArmOnPort(int port) => new Run(this, port);

    private static int FreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    private byte[] RequestBytes(int port)
    {
        var body = Body is null ? [] : Encoding.UTF8.GetBytes(Body);
        var head = new StringBuilder()
            .Append(Method).Append(' ').Append(Path).Append(" HTTP/1.1\r\n")
            .Append("Host: 127.0.0.1:").Append(port).Append("\r\n")
            .Append("Connection: close\r\n");
        if (Body is not null)
        {
            head.Append("Content-Type: ").Append(ContentType).Append("\r\nContent-Length: ").Append(body.Length).Append("\r\n");
        }

        return [.. Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), .. body];
    }

    private sealed class Run(HttpProbe probe, int port) : IProbeRun
    {
        private readonly byte[] _request = probe.RequestBytes(port);
        private readonly byte[] _buffer = new byte[64 * 1024];
        private readonly IPEndPoint _endpoint = new(IPAddress.Loopback, port);

        public long WaitForFirstResponse(Process process, TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            string? lastAnswer = null;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (process.HasExited)
                {
                    throw new ProbeFailedException($"exited with code {process.ExitCode} before answering");
                }

                var answer = TryOnce();
                if (answer is not null)
                {
                    var stamp = Stopwatch.GetTimestamp();
                    if (IsSuccess(answer))
                    {
                        return stamp;
                    }

                    lastAnswer = answer;
                }

                Native.SleepMicroseconds(PollIntervalMicroseconds);
            }

            throw new ProbeFailedException($"no successful answer within {timeout.TotalSeconds:0}s; last answer: {Shorten(lastAnswer) ?? "none (connection refused)"}");
        }

        public void Dispose()
        {
        }

        // null = not listening yet (refused, or closed before a response); otherwise the raw response.
        private string? TryOnce()
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 10_000 };
            try
            {
                socket.Connect(_endpoint);
                socket.Send(_request);
                var total = 0;
                int read;
                while (total < _buffer.Length && (read = socket.Receive(_buffer, total, _buffer.Length - total, SocketFlags.None)) > 0)
                {
                    total += read;
                }

                return total == 0 ? null : Encoding.UTF8.GetString(_buffer, 0, total);
            }
            catch (SocketException exception) when (exception.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                return null;
            }
        }

        private bool IsSuccess(string answer)
        {
            var separator = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return answer.StartsWith($"HTTP/1.1 {probe.ExpectedStatus} ", StringComparison.Ordinal)
                && separator > 0
                && answer.AsSpan(separator).Contains(probe.ExpectedText, StringComparison.Ordinal);
        }

        private static string? Shorten(string? answer) => answer is null ? null : answer.Length <= 200 ? answer : answer[..200] + "…";
    }
}
