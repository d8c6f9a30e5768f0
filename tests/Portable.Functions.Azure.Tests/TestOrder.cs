namespace Portable.Functions.Azure.Tests;

/// <summary>The order of the docs' <c>order</c> sample payload.</summary>
public sealed record TestOrder(int Id, int Quantity, string Color);
