namespace PortableHttp;

/// <summary>An order as posted to <c>/orders</c>.</summary>
/// <param name="Id">The order id.</param>
/// <param name="Quantity">How many, at least 1.</param>
public sealed record Order(string Id, int Quantity);
