using System.Diagnostics;
using System.Text.Json.Nodes;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Deploy.Tests;

/// <summary>
/// Parses Terraform with the npm package <c>@cdktf/hcl2json</c> (HashiCorp's HCL parser compiled to
/// WebAssembly), installed by <c>.ci/hcl2json/install.sh</c> (CI runs it). Skips with the reason when
/// it is not installed or node is missing.
/// </summary>
internal static class Hcl2Json
{
    private static string Tools => Path.Combine(SharedFixtures.RepositoryRoot, ".ci", "hcl2json");

    /// <summary>The JSON form of the HCL file; a syntax error fails the test with the parser's message.</summary>
    public static JsonObject Parse(string path)
    {
        Skip.IfNot(File.Exists(Path.Combine(Tools, "node_modules", "@cdktf", "hcl2json", "package.json")),
            "the HCL parser is not installed: run .ci/hcl2json/install.sh (needs npm).");
        var (code, output, error) = Run(path);
        Assert.True(code == 0, $"{Path.GetFileName(path)} does not parse as HCL: {error}");
        return JsonNode.Parse(output)!.AsObject();
    }

    /// <summary>Runs the parser; returns its exit code, stdout and stderr.</summary>
    public static (int Code, string Output, string Error) Run(string path)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(Tools, "parse.js"), path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new SkipException("node is not installed: the HCL parser cannot run.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill();
                throw new TimeoutException("hcl2json did not finish in 60 s.");
            }

            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
