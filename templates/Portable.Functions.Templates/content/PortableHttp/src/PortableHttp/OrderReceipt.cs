namespace PortableHttp;

/// <summary>The answer to an order.</summary>
/// <param name="Id">The order id.</param>
/// <param name="Quantity">How many.</param>
/// <param name="Status">What became of it.</param>
public sealed record OrderReceipt(string Id, int Quantity, string Status);
