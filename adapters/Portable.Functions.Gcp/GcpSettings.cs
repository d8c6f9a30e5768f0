using System.Net;
using Microsoft.Extensions.Configuration;

namespace Portable.Functions.Gcp;

/// <summary>
/// The Functions Framework configuration: port, target and signature type. Precedence (the spec's):
/// command-line flag (<c>--port</c>, <c>--target</c> or a single bare argument, <c>--signature-type</c>;
/// <c>--name value</c> or <c>--name=value</c>) over environment variable (<c>PORT</c>,
/// <c>FUNCTION_TARGET</c>, <c>FUNCTION_SIGNATURE_TYPE</c>) over default (8080, none, none). The code's
/// declaration still wins over both for the signature type (see <see cref="GcpSignatureType.Declared"/>).
/// </summary>
internal sealed class GcpSettings
{
    public const int DefaultPort = 8080;

    public int Port { get; private init; } = DefaultPort;

    public string? Target { get; private init; }

    public string? SignatureType { get; private init; }

    /// <summary>Whether a target is configured at all (how the host recognises Cloud Run functions).</summary>
    public static bool HasTarget(IConfiguration configuration, IReadOnlyList<string> args) =>
        !string.IsNullOrWhiteSpace(Flag(args, "target") ?? configuration["FUNCTION_TARGET"]);

    /// <summary>Reads the settings.</summary>
    /// <exception cref="InvalidOperationException">A port or signature type is invalid, or a flag has no value.</exception>
    public static GcpSettings Read(IConfiguration configuration, IReadOnlyList<string> args)
    {
        var portText = Flag(args, "port") is { } flagPort ? ("--port", flagPort) : ("PORT", configuration["PORT"]);
        var signature = Flag(args, "signature-type") is { } flagSignature ? ("--signature-type", flagSignature) : ("FUNCTION_SIGNATURE_TYPE", configuration["FUNCTION_SIGNATURE_TYPE"]);
        var target = Flag(args, "target") ?? configuration["FUNCTION_TARGET"];
        return new GcpSettings
        {
            Port = ParsePort(portText.Item1, portText.Item2),
            Target = string.IsNullOrWhiteSpace(target) ? null : target.Trim(),
            SignatureType = string.IsNullOrWhiteSpace(signature.Item2) ? null : GcpSignatureType.Parse(signature.Item2, signature.Item1),
        };
    }

    private static int ParsePort(string origin, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultPort;
        }

        return int.TryParse(text, out var port) && port is >= 0 and <= IPEndPoint.MaxPort
            ? port
            : throw new InvalidOperationException($"{origin}='{text}' is not a valid TCP port.");
    }

    /// <summary>The value of <c>--name</c> (last one wins); for <c>target</c> also a single bare argument.</summary>
    private static string? Flag(IReadOnlyList<string> args, string name)
    {
        var option = "--" + name;
        string? value = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith(option + "=", StringComparison.OrdinalIgnoreCase))
            {
                value = arg[(option.Length + 1)..];
            }
            else if (string.Equals(arg, option, StringComparison.OrdinalIgnoreCase))
            {
                value = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                    ? args[++i]
                    : throw new InvalidOperationException($"Command-line flag {option} needs a value.");
            }
        }

        // The .NET Functions Framework convention: "dotnet MyFunctions.dll MyTarget".
        if (value is null && name == "target" && args.Count == 1 && !args[0].StartsWith('-'))
        {
            value = args[0];
        }

        return value;
    }
}
