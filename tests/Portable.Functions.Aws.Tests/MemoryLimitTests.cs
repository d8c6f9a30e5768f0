namespace Portable.Functions.Aws.Tests;

/// <summary>AWS_LAMBDA_FUNCTION_MEMORY_SIZE → GC heap hard limit.</summary>
public sealed class MemoryLimitTests
{
    [Fact]
    public void MemorySize_BecomesTheGcHeapHardLimit()
    {
        // Large enough not to constrain the test process.
        var limit = MemoryLimit.Apply("65536");

        Assert.Equal(65536UL * 1024 * 1024, limit);
        Assert.Equal((long)limit!.Value, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("0")]
    [InlineData("-5")]
    public void InvalidMemorySize_FailsInitWithTheVariableName(string value) =>
        Assert.Contains("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Assert.Throws<InvalidOperationException>(() => MemoryLimit.Apply(value)).Message);

    [Fact]
    public void UnsetMemorySize_ChangesNothing() => Assert.Null(MemoryLimit.Apply(null));
}
