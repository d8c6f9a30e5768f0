using Portable.Benchmarks.ColdStart;

HarnessOptions options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(HarnessOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(HarnessOptions.Usage);
    return 0;
}

var root = Workspace.FindRepositoryRoot(Environment.CurrentDirectory);
var workspace = new Workspace(root, options.LockPath, options.ReusePublished);
await using var lambdaApi = await FakeLambdaRuntimeApi.StartAsync();
var catalog = SubjectCatalog.Create(workspace, lambdaApi);
if (options.List)
{
    foreach (var spec in catalog)
    {
        Console.WriteLine($"{spec.Id,-12} {spec.Title}{(spec.MissingReason is { } why ? $"  [skipped: {why}]" : string.Empty)}");
    }

    return 0;
}

var unknown = options.Subjects?.Except(catalog.Select(s => s.Id)).ToList() ?? [];
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown subject(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", catalog.Select(s => s.Id))}.");
    return 2;
}

var started = DateTimeOffset.UtcNow;
var skipped = new List<string>();
var results = new List<SubjectResult>();
var prepared = new Dictionary<(string, BuildMode), PreparedApp?>();
Console.WriteLine("== publish (outside timing)");
foreach (var mode in (BuildMode[])[.. BuildModes.DotNet, BuildMode.Node])
{
    foreach (var spec in catalog.Where(s => s.App.Modes.Contains(mode) && options.Wants(s, mode)))
    {
        if (spec.MissingReason is { } reason)
        {
            if (mode == spec.App.Modes[0])
            {
                skipped.Add($"{spec.Id}: {reason}");
                Console.WriteLine($"  SKIP {spec.Id}: {reason}");
            }

            continue;
        }

        // Several subjects run the same build (the sample serves four platforms): publish it once.
        if (!prepared.TryGetValue((spec.App.Name, mode), out var app))
        {
            app = prepared[(spec.App.Name, mode)] = spec.App.Prepare(mode, workspace);
        }

        if (app is { } ready)
        {
            results.Add(new SubjectResult(new Subject(spec, mode, ready)));
        }
        else
        {
            skipped.Add($"{spec.Id}/{mode.Label()}: could not be built here (see console output)");
        }
    }
}

Console.WriteLine($"== timing {results.Count} subjects × {options.Runs} runs (holding {options.LockPath} so no build overlaps)");
using (BuildLock.Acquire(options.LockPath, "timed loop"))
{
    foreach (var result in results.ToList())
    {
        for (var i = 0; i < options.Warmup; i++)
        {
            try
            {
                ColdStartRunner.RunOnce(result.Subject);
            }
            catch (ProbeFailedException failure)
            {
                Console.WriteLine($"  SKIP {result.Subject.Key}: warm-up start failed: {failure.Message}");
                skipped.Add($"{result.Subject.Key}: warm-up start failed: {failure.Message}");
                results.Remove(result);
                break;
            }
        }
    }

    // Round-robin, so drift on a shared machine spreads over all subjects instead of biasing one.
    for (var run = 1; run <= options.Runs; run++)
    {
        foreach (var result in results)
        {
            try
            {
                result.Samples.Add(ColdStartRunner.RunOnce(result.Subject));
            }
            catch (ProbeFailedException failure)
            {
                result.Failures.Add(failure.Message);
            }

            Thread.Sleep(options.GapMs);
        }

        Console.Write(run == options.Runs ? $"{run}\n" : $"{run} ");
    }
}

var info = new RunInfo(started, options.Runs, options.Warmup, options.GapMs, skipped);
var output = options.OutputDirectory ?? Path.Combine(root, "benchmarks", options.Quick ? ".work/results" : "results");
Directory.CreateDirectory(output);
var markdown = MarkdownReport.Render(info, results);
File.WriteAllText(Path.Combine(output, "coldstart.md"), markdown);
File.WriteAllText(Path.Combine(output, "coldstart.svg"), SvgChart.Render(info, results));
JsonResults.Write(Path.Combine(output, "coldstart.json"), info, results);
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"Wrote {Path.Combine(output, "coldstart.md")}, coldstart.svg and coldstart.json.");

// A smoke run must prove the harness measured something; a full run reports failures in the table.
return results.Count > 0 && results.All(r => r.Samples.Count > 0) ? 0 : 1;
