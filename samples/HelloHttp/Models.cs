namespace HelloHttp;

/// <summary>An order as posted to <c>/orders</c>.</summary>
/// <param name="Id">Order id.</param>
/// <param name="Quantity">Quantity, at least 1.</param>
public sealed record Order(string Id, int Quantity);

/// <summary>The answer to an order.</summary>
/// <param name="Id">Order id.</param>
/// <param name="Quantity">Quantity.</param>
/// <param name="Status">accepted or confirmed.</param>
public sealed record OrderReceipt(string Id, int Quantity, string Status);

/// <summary>Data of a <c>com.example.order.placed</c> CloudEvent.</summary>
/// <param name="OrderId">Order id.</param>
/// <param name="Quantity">Quantity.</param>
public sealed record OrderPlaced(string OrderId, int Quantity);
