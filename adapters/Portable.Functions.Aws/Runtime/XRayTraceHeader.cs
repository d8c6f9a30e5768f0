namespace Portable.Functions.Aws;

/// <summary>Converts the X-Ray trace header to a W3C <c>traceparent</c>.</summary>
/// <remarks>
/// X-Ray: <c>Root=1-{8 hex epoch}-{24 hex};Parent={16 hex};Sampled={0|1}</c>. The W3C trace id is the
/// 8 + 24 hex digits concatenated (the mapping the AWS OpenTelemetry propagator uses); the parent id
/// is kept; <c>Sampled=1</c> sets the sampled flag. Lambda may send no <c>Parent</c> (tracing in
/// PassThrough mode): no parent span id means no valid traceparent, so none is produced.
/// </remarks>
internal static class XRayTraceHeader
{
    public static string? ToTraceParent(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        ReadOnlySpan<char> root = default, parent = default;
        var sampled = false;
        foreach (var range in header.AsSpan().Split(';'))
        {
            var part = header.AsSpan()[range].Trim();
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var key = part[..eq];
            var value = part[(eq + 1)..];
            if (key.SequenceEqual("Root"))
            {
                root = value;
            }
            else if (key.SequenceEqual("Parent"))
            {
                parent = value;
            }
            else if (key.SequenceEqual("Sampled"))
            {
                sampled = value.SequenceEqual("1");
            }
        }

        // Root = "1-" + 8 hex + "-" + 24 hex = 35 characters.
        if (root.Length != 35 || !root.StartsWith("1-") || root[10] != '-' || parent.Length != 16)
        {
            return null;
        }

        var traceId = string.Concat(root.Slice(2, 8), root.Slice(11, 24)).ToLowerInvariant();
        var parentId = parent.ToString().ToLowerInvariant();
        if (!IsHex(traceId) || !IsHex(parentId) || traceId.All(c => c == '0') || parentId.All(c => c == '0'))
        {
            return null;
        }

        return $"00-{traceId}-{parentId}-{(sampled ? "01" : "00")}";
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);
}
