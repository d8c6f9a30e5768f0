namespace MultiCloudShop.Payments;

/// <summary>Where a payment request stands.</summary>
public enum PaymentStatus
{
    /// <summary>Claimed by a delivery; the charge may or may not have happened (a crash in between leaves this).</summary>
    Pending,

    /// <summary>Charged; the record holds the charge id.</summary>
    Captured,
}
