using System.Text.Json;
using System.Text.RegularExpressions;
using Portable.Functions;
using Portable.Functions.Hosting;

namespace HybridGateway.Gateway;

/// <summary>
/// Reads and checks the gateway's request before anything reaches the backend: only a request the
/// backend could accept is forwarded, re-serialized from the checked value (never the caller's bytes).
/// </summary>
internal static partial class ReserveRequestReader
{
    private const int MaxBodyBytes = 16 * 1024;
    private const int MaxQuantity = 10;

    /// <summary>Whether <paramref name="sku"/> has the shape of a SKU.</summary>
    public static bool IsSku(string sku) => Sku().IsMatch(sku);

    /// <summary>Reads the JSON body.</summary>
    /// <exception cref="FunctionProblemException">415 not JSON, 413 too large, 400 malformed, 422 against the rules.</exception>
    public static async Task<ReserveRequest> ReadAsync(FunctionRequest request, CancellationToken cancellationToken)
    {
        if (!MediaType.IsJson(request.ContentType))
        {
            throw FunctionProblemException.UnsupportedMediaType(request.ContentType, "application/json");
        }

        var body = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                throw FunctionProblemException.PayloadTooLarge(MaxBodyBytes);
            }

            body.Write(buffer, 0, read);
        }

        ReserveRequest? value;
        try
        {
            value = JsonSerializer.Deserialize(body.GetBuffer().AsSpan(0, (int)body.Length), GatewayJsonContext.Default.ReserveRequest);
        }
        catch (JsonException exception)
        {
            throw FunctionProblemException.BadRequest($"The body is not a valid reservation{(exception.Path is null ? "" : " at " + exception.Path)}.", exception);
        }

        if (value is null)
        {
            throw FunctionProblemException.BadRequest("A reservation body is required, not null.");
        }

        var problems = new List<string>(2);
        if (!IsSku(value.Sku))
        {
            problems.Add("$.sku must be 3 to 32 upper-case letters, digits or '-'");
        }

        if (value.Quantity is < 1 or > MaxQuantity)
        {
            problems.Add($"$.quantity must be from 1 to {MaxQuantity}");
        }

        return problems.Count == 0
            ? value
            : throw new FunctionProblemException(422, "Unprocessable Entity", "The reservation is not valid: " + string.Join("; ", problems) + ".");
    }

    [GeneratedRegex("^[A-Z0-9-]{3,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sku();
}
