using Microsoft.Extensions.Configuration;

namespace Portable.Functions.Gcp.Tests;

public sealed class GcpSettingsTests
{
    [Fact]
    public void Nothing_Configured_DefaultsToPort8080WithoutTargetOrSignature()
    {
        var settings = GcpSettings.Read(Environment(), []);

        Assert.Equal(8080, settings.Port);
        Assert.Null(settings.Target);
        Assert.Null(settings.SignatureType);
    }

    [Fact]
    public void EnvironmentOnly_IsUsed()
    {
        var settings = GcpSettings.Read(Environment(("PORT", "9001"), ("FUNCTION_TARGET", "hello"), ("FUNCTION_SIGNATURE_TYPE", "cloudevent")), []);

        Assert.Equal(9001, settings.Port);
        Assert.Equal("hello", settings.Target);
        Assert.Equal("cloudevent", settings.SignatureType);
    }

    [Theory]
    [InlineData("--port", "9002", "--target", "flagged", "--signature-type", "event")]
    [InlineData("--port=9002", null, "--target=flagged", null, "--signature-type=event", null)]
    public void Flags_BeatEnvironment(string port, string? portValue, string target, string? targetValue, string signature, string? signatureValue)
    {
        string[] args = [.. new[] { port, portValue, target, targetValue, signature, signatureValue }.OfType<string>()];

        var settings = GcpSettings.Read(Environment(("PORT", "9001"), ("FUNCTION_TARGET", "fromEnv"), ("FUNCTION_SIGNATURE_TYPE", "http")), args);

        Assert.Equal(9002, settings.Port);
        Assert.Equal("flagged", settings.Target);
        Assert.Equal("event", settings.SignatureType);
    }

    [Fact]
    public void SingleBareArgument_IsTheTarget()
    {
        var settings = GcpSettings.Read(Environment(("FUNCTION_TARGET", "fromEnv")), ["positional"]);

        Assert.Equal("positional", settings.Target);
        Assert.True(GcpSettings.HasTarget(Environment(), ["positional"]));
    }

    [Fact]
    public void LegacyEventWordFromOldConformanceClients_MeansEvent()
    {
        Assert.Equal("event", GcpSettings.Read(Environment(("FUNCTION_SIGNATURE_TYPE", "legacyevent")), []).SignatureType);
    }

    [Theory]
    [InlineData("PORT", "eighty")]
    [InlineData("PORT", "70000")]
    [InlineData("FUNCTION_SIGNATURE_TYPE", "grpc")]
    public void InvalidValue_FailsNamingTheSetting(string key, string value)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => GcpSettings.Read(Environment((key, value)), []));

        Assert.Contains(key, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlagWithoutValue_Fails()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => GcpSettings.Read(Environment(), ["--port"]));

        Assert.Contains("--port", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KServiceWithoutTarget_IsNotCloudRunFunctions()
    {
        Assert.False(GcpSettings.HasTarget(Environment(("K_SERVICE", "svc")), []));
        Assert.True(GcpSettings.HasTarget(Environment(("K_SERVICE", "svc"), ("FUNCTION_TARGET", "hello")), []));
    }

    private static IConfiguration Environment(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
