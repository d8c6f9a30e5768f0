using Portable.Functions;

namespace MultiCloudShop.Orders;

/// <summary>
/// The business rules of <c>POST /orders</c>. The JSON shape (required properties, types, no nulls) is
/// checked by the pipeline before the handler runs (400); these rules need the price list, so a
/// well-formed order that breaks them is a 422 naming every broken rule by its JSON path.
/// </summary>
internal static class OrderValidator
{
    private const int MaxLines = 50;
    private const int MaxQuantity = 100;
    private const int MaxCustomerIdLength = 64;

    /// <summary>Checks the order and prices it.</summary>
    /// <returns>The total.</returns>
    /// <exception cref="FunctionProblemException">422, its detail listing each problem.</exception>
    public static decimal Validate(PlaceOrder order, PriceList prices)
    {
        var problems = new List<string>();
        if (order.CustomerId.Trim().Length is 0 or > MaxCustomerIdLength)
        {
            problems.Add($"$.customerId must be 1 to {MaxCustomerIdLength} characters");
        }

        var currencyKnown = prices.HasCurrency(order.Currency);
        if (!currencyKnown)
        {
            problems.Add($"$.currency must be one of {string.Join(", ", prices.Currencies)}");
        }

        if (order.Lines.Count is 0 or > MaxLines)
        {
            problems.Add($"$.lines must hold 1 to {MaxLines} lines");
        }

        var total = 0m;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < order.Lines.Count && i < MaxLines; i++)
        {
            // Nullable annotations are enforced on properties, not on a list's elements: [null] gets here.
            if (order.Lines[i] is not { } line)
            {
                problems.Add($"$.lines[{i}] must be a line, not null");
                continue;
            }

            if (line.Quantity is < 1 or > MaxQuantity)
            {
                problems.Add($"$.lines[{i}].quantity must be from 1 to {MaxQuantity}");
            }

            if (!seen.Add(line.Sku))
            {
                problems.Add($"$.lines[{i}].sku repeats an earlier line");
            }
            else if (currencyKnown)
            {
                // Prices exist per currency: with an unknown one there is nothing to look up.
                if (prices.TryGetPrice(line.Sku, order.Currency, out var unit))
                {
                    total += unit * line.Quantity;
                }
                else
                {
                    problems.Add($"$.lines[{i}].sku is not in the catalogue");
                }
            }
        }

        return problems.Count == 0
            ? total
            : throw new FunctionProblemException(422, "Unprocessable Entity", "The order is not valid: " + string.Join("; ", problems) + ".");
    }
}
