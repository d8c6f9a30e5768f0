using HelloHttp;

namespace Portable.Benchmarks;

/// <summary>A structured-mode CloudEvent as a plain POCO: what a hand-written consumer would deserialise.</summary>
/// <param name="SpecVersion">specversion.</param>
/// <param name="Id">id.</param>
/// <param name="Source">source.</param>
/// <param name="Type">type.</param>
/// <param name="Time">time.</param>
/// <param name="DataContentType">datacontenttype.</param>
/// <param name="Data">data.</param>
public sealed record CloudEventEnvelope(string SpecVersion, string Id, string Source, string Type, DateTimeOffset? Time, string? DataContentType, OrderPlaced Data);
