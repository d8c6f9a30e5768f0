namespace Portable.Functions.Tests;

/// <summary>A scoped service that records its disposal; internal so generated interceptors can name it.</summary>
internal sealed class ScopedCounter : IDisposable
{
    public int Calls { get; set; }

    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;
}

/// <summary>A service nobody registers.</summary>
internal interface IMissingService;

/// <summary>A singleton that prices orders.</summary>
internal sealed class PriceList
{
    public decimal PriceOf(Order order) => order.Quantity * 2.5m;
}
