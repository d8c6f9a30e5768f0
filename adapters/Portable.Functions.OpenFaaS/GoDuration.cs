using System.Globalization;

namespace Portable.Functions.OpenFaaS;

/// <summary>
/// The watchdog's duration settings (of-watchdog config.go, parseIntOrDurationValue): a whole number is
/// seconds, otherwise a Go duration (<c>1m30s</c>, <c>500ms</c>, <c>1.5h</c>; units ns, us, µs, ms, s, m, h).
/// A value the watchdog cannot parse makes it use its default, so this reports failure and the caller does
/// the same.
/// </summary>
internal static class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        var span = text.AsSpan();
        var negative = false;
        if (span[0] is '+' or '-')
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        if (span.SequenceEqual("0"))
        {
            return true;
        }

        if (span.IsEmpty)
        {
            return false;
        }

        double totalTicks = 0;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            span = span[numberLength..];
            var unitLength = 0;
            while (unitLength < span.Length && !char.IsAsciiDigit(span[unitLength]) && span[unitLength] != '.')
            {
                unitLength++;
            }

            double? ticksPerUnit = span[..unitLength] switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (ticksPerUnit is not { } factor)
            {
                return false;
            }

            totalTicks += number * factor;
            span = span[unitLength..];
        }

        if (totalTicks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)(negative ? -totalTicks : totalTicks));
        return true;
    }
}
