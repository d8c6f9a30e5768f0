using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portable.Functions.Packaging.Tests;

/// <summary>
/// The <c>dotnet new</c> templates package as <c>dotnet new install</c> reads it. (CI installs it and builds,
/// tests and Native AOT publishes every template: .ci/consume-packages.)
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed partial class TemplatePackageTests(PackedPackages packed)
{
    private const string VersionToken = "__PORTABLE_FUNCTIONS_PACKAGE_VERSION__";

    [Fact]
    public void TemplatesPackage_IsATemplatePackage_WithReadmeLicenceAndTheSdkVersion()
    {
        var templates = packed.Templates;

        Assert.Equal("Template", templates.Metadata.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")!.Value);
        Assert.Equal(packed["Portable.Functions"].Value("version"), templates.Value("version"));
        Assert.Equal("README.md", templates.Value("readme"));
        Assert.StartsWith("# ", Encoding.UTF8.GetString(templates.Files["README.md"]).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.True(templates.Files.ContainsKey("LICENSE"), "LICENSE not packed");
        Assert.Empty(templates.Dependencies);
        Assert.DoesNotContain(templates.Files.Keys, path => path.StartsWith("lib/", StringComparison.Ordinal) || path.Contains("/bin/", StringComparison.Ordinal) || path.Contains("/obj/", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryTemplate_DefaultsToThePackedVersion_AndHasTheExpectedShortName()
    {
        var version = packed.Templates.Value("version");
        var configs = TemplateConfigs();

        Assert.Equal(["portable-events", "portable-http"], configs.Select(c => c.GetProperty("shortName").GetString()).Order(StringComparer.Ordinal));
        Assert.All(configs, config =>
        {
            var symbols = config.GetProperty("symbols");
            Assert.Equal(version, symbols.GetProperty("PortableFunctionsVersion").GetProperty("defaultValue").GetString());
            var platforms = symbols.GetProperty("platforms");
            Assert.True(platforms.GetProperty("allowMultipleValues").GetBoolean());
            var choices = platforms.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("choice").GetString()!).ToList();
            Assert.Contains("aws", choices);
            Assert.Equal(string.Join('|', choices), platforms.GetProperty("defaultValue").GetString());
        });
        Assert.DoesNotContain(packed.Templates.Files, file => Encoding.UTF8.GetString(file.Value).Contains(VersionToken, StringComparison.Ordinal));
    }

    // The generated projects reference the SDK by package id and the version parameter only: a literal version
    // would drift from the packages, and a ProjectReference into this repository would not restore for a user.
    [Fact]
    public void TemplateProjects_ReferenceTheSdkByTheVersionParameterOnly()
    {
        var projects = packed.Templates.Files.Where(f => f.Key.EndsWith(".csproj", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, projects.Count);
        Assert.All(projects, project =>
        {
            var text = Encoding.UTF8.GetString(project.Value);
            var versions = SdkPackageReference().Matches(text).Select(m => m.Groups["version"].Value).Distinct().ToList();
            Assert.True(versions.Count > 0, $"{project.Key} references no Portable.Functions package");
            Assert.Equal(["PORTABLE_FUNCTIONS_VERSION"], versions);
            Assert.All(ProjectReference().Matches(text).Select(m => m.Groups["path"].Value), path => Assert.StartsWith("../../src/", path, StringComparison.Ordinal));
        });
    }

    private List<JsonElement> TemplateConfigs() =>
        packed.Templates.Files
            .Where(f => f.Key.EndsWith("/.template.config/template.json", StringComparison.Ordinal))
            .Select(f => JsonDocument.Parse(f.Value).RootElement.Clone())
            .ToList();

    [GeneratedRegex("<PackageReference Include=\"Portable\\.Functions[^\"]*\" Version=\"(?<version>[^\"]*)\"")]
    private static partial Regex SdkPackageReference();

    [GeneratedRegex("<ProjectReference Include=\"(?<path>[^\"]*)\"")]
    private static partial Regex ProjectReference();
}
