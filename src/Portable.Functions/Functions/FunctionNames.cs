namespace Portable.Functions;

/// <summary>Derives and validates function names.</summary>
internal static class FunctionNames
{
    public static void Validate(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                throw new ArgumentException($"Function name '{name}' may contain only ASCII letters, digits, '-' and '_'.", nameof(name));
            }
        }
    }

    /// <summary><c>/orders/{id}</c> becomes <c>orders-id</c>; <c>/</c> becomes <c>root</c>.</summary>
    public static string FromRoute(string route)
    {
        Span<char> buffer = stackalloc char[Math.Min(route.Length, 128)];
        var length = 0;
        var pendingDash = false;
        foreach (var c in route)
        {
            if (length == buffer.Length)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                if (pendingDash && length > 0)
                {
                    buffer[length++] = '-';
                    if (length == buffer.Length)
                    {
                        break;
                    }
                }

                buffer[length++] = c;
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }
        }

        return length == 0 ? "root" : buffer[..length].ToString();
    }

    /// <summary><c>com.example.order.placed</c> becomes <c>com-example-order-placed</c>.</summary>
    public static string FromEventType(string type) => FromRoute(type);
}
