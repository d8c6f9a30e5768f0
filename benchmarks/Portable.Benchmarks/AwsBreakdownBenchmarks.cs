using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.Hosting;

namespace Portable.Benchmarks;

/// <summary>
/// Where an ALB invocation and an SQS record go: the event parse and shape detection, the mapping to the
/// neutral request or CloudEvent, and the native response JSON, each on its own.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class AwsBreakdownBenchmarks
{
    private static readonly FunctionResponse s_hello = FunctionResponse.Text("Hello, Ada!");
    private JsonDocument _alb = null!;
    private JsonDocument _sqs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _alb = JsonDocument.Parse(NativePayloads.Alb);
        _sqs = JsonDocument.Parse(NativePayloads.SqsBatchOfTen);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _alb.Dispose();
        _sqs.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ALB parts")]
    public object ParseAndDetect_Alb()
    {
        using var document = JsonDocument.Parse(NativePayloads.Alb.AsMemory());
        return EventShapeDetector.Detect(document.RootElement);
    }

    [Benchmark, BenchmarkCategory("ALB parts")]
    public object Read_Alb() => HttpEventReader.ReadProxy(_alb.RootElement);

    [Benchmark, BenchmarkCategory("ALB parts")]
    public FunctionRequest ReadAndMap_Alb() => AwsHttpMapper.FromProxy(HttpEventReader.ReadProxy(_alb.RootElement), isAlb: true);

    [Benchmark, BenchmarkCategory("ALB parts")]
    public byte[] WriteResponse_Alb() => AwsHttpMapper.Write(s_hello, HttpEventKind.AlbSingleValue, "Hello, Ada!"u8);

    [Benchmark(Baseline = true), BenchmarkCategory("SQS parts")]
    public object ParseAndDetect_Sqs()
    {
        using var document = JsonDocument.Parse(NativePayloads.SqsBatchOfTen.AsMemory());
        return EventShapeDetector.Detect(document.RootElement);
    }

    /// <summary>One record (of ten) mapped to its CloudEvent.</summary>
    [Benchmark, BenchmarkCategory("SQS parts")]
    public CloudEvent MapRecord_Sqs() => AwsEventMapper.FromSqs(_sqs.RootElement.GetProperty("Records")[0]);

    /// <summary>One record's messaging facts for the span.</summary>
    [Benchmark, BenchmarkCategory("SQS parts")]
    public object? Telemetry_Sqs() => AwsMessageTelemetry.Message(EventShape.Sqs, _sqs.RootElement.GetProperty("Records")[0], 10);
}
