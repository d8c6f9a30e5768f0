using System.Text.Json.Serialization;

namespace Portable.Functions.Azure.Worker.Tests;

/// <summary>Source-generated JSON metadata for the tests (the app needs at least one context).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class WorkerTestJsonContext : JsonSerializerContext;
