using Portable.Functions.Aws;
using Portable.Functions.Knative;

namespace Portable.Functions.Deploy.Tests;

/// <summary>Values YAML would otherwise read as booleans or numbers stay strings in the written files.</summary>
public sealed class YamlQuotingTests
{
    [Fact]
    public async Task EventTypesThatLookLikeBooleansOrNumbers_StayStrings()
    {
        var (code, directory) = await DeployFiles.GenerateAsync(
            ["--Deploy:AppName=odd", "--Deploy:Aws:Events:yes-fn:Source=eventbridge", "--Deploy:Aws:Events:one-fn:Source=eventbridge", "--Deploy:Knative:Broker=on"],
            b =>
            {
                b.UseAws();
                b.UseKnative();
            },
            b =>
            {
                var app = b.Build();
                app.MapCloudEvent("yes", (e, c) => Task.FromResult<CloudEvent?>(null)).WithName("yes-fn");
                app.MapCloudEvent("1.0", (e, c) => Task.FromResult<CloudEvent?>(null)).WithName("one-fn");
                return app;
            });
        try
        {
            Assert.Equal(0, code);
            var triggers = YamlToJson.Documents(File.ReadAllText(Path.Combine(directory, "knative", "triggers.yaml"))).Where(d => d is not null).ToList();
            Assert.Equal(["yes", "1.0"], triggers.Select(t => t!["spec"]!["filter"]!["attributes"]!["type"]!.GetValue<string>()));
            Assert.All(triggers, t => Assert.Equal("on", t!["spec"]!["broker"]!.GetValue<string>()));

            var events = YamlToJson.Single(File.ReadAllText(Path.Combine(directory, "aws", "template.yaml")))!["Resources"]!["OddFunction"]!["Properties"]!["Events"]!;
            Assert.Equal("yes", events["YesFn"]!["Properties"]!["Pattern"]!["detail-type"]![0]!.GetValue<string>());
            Assert.Equal("1.0", events["OneFn"]!["Properties"]!["Pattern"]!["detail-type"]![0]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }
}
