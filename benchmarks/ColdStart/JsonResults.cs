using System.Text.Json;

namespace Portable.Benchmarks.ColdStart;

/// <summary>Every sample of a run as JSON, so a table can be recomputed or compared later.</summary>
internal static class JsonResults
{
    public static void Write(string path, RunInfo info, IReadOnlyList<SubjectResult> results)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("started", info.Started);
        json.WriteString("machine", info.Machine);
        json.WriteString("software", info.Software);
        json.WriteNumber("runs", info.Runs);
        json.WriteNumber("warmup", info.Warmup);
        json.WriteString("pageCache", "warm");
        json.WriteStartArray("subjects");
        foreach (var result in results)
        {
            var subject = result.Subject;
            json.WriteStartObject();
            json.WriteString("id", subject.Spec.Id);
            json.WriteString("mode", subject.Mode.Label());
            json.WriteString("title", subject.Spec.Title);
            json.WriteString("probe", subject.Spec.Probe.Description);
            json.WriteString("baseline", subject.BaselineKey);
            json.WriteNumber("sizeBytes", subject.App.SizeBytes);
            json.WriteStartArray("samples");
            foreach (var sample in result.Samples)
            {
                json.WriteStartObject();
                json.WriteNumber("ttfrMs", Math.Round(sample.TimeToFirstResponseMs, 3));
                json.WriteNumber("rssKb", sample.RssKb);
                json.WriteNumber("peakRssKb", sample.PeakRssKb);
                if (sample.ExitMs is { } exit)
                {
                    json.WriteNumber("exitMs", Math.Round(exit, 3));
                }
                else
                {
                    json.WriteNull("exitMs");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("failures");
            foreach (var failure in result.Failures)
            {
                json.WriteStringValue(failure);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
