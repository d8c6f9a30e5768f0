namespace Portable.Functions.OpenWhisk;

/// <summary>What a protocol route answers: a status and one JSON object.</summary>
/// <param name="StatusCode">200 for success; any other status is a failed initialization or activation.</param>
/// <param name="Body">UTF-8 JSON of one object.</param>
internal readonly record struct OpenWhiskAnswer(int StatusCode, byte[] Body);
