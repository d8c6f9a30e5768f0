using System.Text;
using Portable.Functions.Deploy;
using Portable.Functions.Hosting;

namespace Portable.Functions.Knative.Deploy;

/// <summary>
/// Writes <c>knative/service.yaml</c> (a <c>serving.knative.dev/v1</c> Service), <c>knative/triggers.yaml</c>
/// (one <c>eventing.knative.dev/v1</c> Trigger per CloudEvent type) and <c>container/Dockerfile</c>.
/// Registered by <see cref="KnativeFunctionAppBuilderExtensions.UseKnative"/>; runs only for
/// <c>--write-deploy-files</c>.
/// </summary>
internal sealed class KnativeDeploymentWriter(KnativeOptions options) : IDeploymentWriter
{
    public string Platform => "knative";

    public IReadOnlyList<string> Write(FunctionApp app, DeploymentSettings settings)
    {
        var service = settings.GetString("Knative:ServiceName", DeployText.Kebab(settings.AppName));
        var written = new List<string>(3);
        var servicePath = settings.PathFor("knative", "service.yaml");
        DeployText.WriteFile(servicePath, Service(settings, service));
        written.Add(servicePath);

        var triggers = Triggers(app, settings, service);
        if (triggers.Length > 0)
        {
            var triggersPath = settings.PathFor("knative", "triggers.yaml");
            DeployText.WriteFile(triggersPath, triggers);
            written.Add(triggersPath);
        }

        var kafkaSources = KafkaSources(app, settings, service);
        if (kafkaSources.Length > 0)
        {
            var kafkaPath = settings.PathFor("knative", "kafkasources.yaml");
            DeployText.WriteFile(kafkaPath, kafkaSources);
            written.Add(kafkaPath);
        }

        written.Add(NativeAotDockerfile.Write(settings));
        return written;
    }

    /// <summary>
    /// A <c>KafkaSource</c> (https://knative.dev/docs/eventing/sources/kafka-source/) per event function
    /// whose <c>Deploy:Knative:Events:&lt;function&gt;:Source</c> is <c>kafka</c>, reading
    /// <c>Topic</c> from <c>BootstrapServers</c> (comma-separated). Its sink is the broker, not the
    /// Service: the function's Trigger filters the type, and a reply the function returns goes back into
    /// the broker (a source discards replies). The source delivers a partition's records one at a time
    /// and redelivers a record the function answers with an error.
    /// </summary>
    private static string KafkaSources(FunctionApp app, DeploymentSettings settings, string service)
    {
        var broker = settings.GetString("Knative:Broker", "default");
        var text = new StringBuilder();
        foreach (var function in app.Functions.Where(f => f.Kind == FunctionKind.Event))
        {
            var key = $"Knative:Events:{function.Name}:";
            if (settings.GetChoice(key + "Source", "broker", "broker", "kafka") != "kafka")
            {
                continue;
            }

            string Required(string name) => settings.GetOptional(key + name) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"Function '{function.Name}' reads from a KafkaSource; set {DeploymentSettings.SectionName}:{key}{name}.");

            var topic = Required("Topic");
            var servers = Required("BootstrapServers").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (text.Length == 0)
            {
                text.Append("# Knative KafkaSources of ").Append(settings.AppName).Append(": records into the broker, where the triggers deliver them. Needs the KafkaSource controller (eventing-kafka-broker). kubectl apply -f kafkasources.yaml\n");
            }

            text.Append("---\napiVersion: sources.knative.dev/v1beta1\nkind: KafkaSource\nmetadata:\n");
            text.Append("  name: ").Append(DeployText.Yaml(TriggerName(service, function.Name + "-kafka"))).Append('\n');
            if (settings.GetOptional("Knative:Namespace") is { } ns)
            {
                text.Append("  namespace: ").Append(DeployText.Yaml(ns)).Append('\n');
            }

            text.Append("spec:\n  consumerGroup: ").Append(DeployText.Yaml(settings.GetString(key + "ConsumerGroup", service))).Append('\n');
            text.Append("  bootstrapServers:\n");
            foreach (var server in servers)
            {
                text.Append("    - ").Append(DeployText.Yaml(server)).Append('\n');
            }

            text.Append("  topics:\n    - ").Append(DeployText.Yaml(topic)).Append('\n');
            text.Append("  sink:\n    ref:\n      apiVersion: eventing.knative.dev/v1\n      kind: Broker\n");
            text.Append("      name: ").Append(DeployText.Yaml(broker)).Append('\n');
        }

        return text.ToString();
    }

    private string Service(DeploymentSettings settings, string service)
    {
        var image = settings.GetString("Image", $"registry.example.com/{DeployText.Kebab(settings.AppName)}:latest");
        var h2c = options.UseH2c ?? settings.GetBoolean("Knative:H2c", false);
        var concurrency = settings.GetInt32("Knative:ContainerConcurrency", options.MaxConcurrentRequests ?? 0, 0, 1000);
        var timeout = settings.GetInt32("Knative:TimeoutSeconds", 300, 1, 3600);
        var port = settings.GetInt32("Container:Port", 8080, 1, 65535);
        var text = new StringBuilder();
        text.Append("# Knative Service of ").Append(settings.AppName).Append(" (written by --write-deploy-files). kubectl apply -f service.yaml\n");
        text.Append("apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n");
        text.Append("  name: ").Append(DeployText.Yaml(service)).Append('\n');
        if (settings.GetOptional("Knative:Namespace") is { } ns)
        {
            text.Append("  namespace: ").Append(DeployText.Yaml(ns)).Append('\n');
        }

        text.Append("spec:\n  template:\n");
        var annotations = new List<(string Key, string Value)>();
        foreach (var (key, name) in new[] { ("MinScale", "min-scale"), ("MaxScale", "max-scale"), ("Target", "target"), ("Metric", "metric"), ("Class", "class") })
        {
            if (settings.GetOptional("Knative:Autoscaling:" + key) is { } value)
            {
                annotations.Add(("autoscaling.knative.dev/" + name, value));
            }
        }

        if (annotations.Count > 0)
        {
            text.Append("    metadata:\n      annotations:\n");
            foreach (var (key, value) in annotations)
            {
                text.Append("        ").Append(key).Append(": ").Append(DeployText.YamlQuoted(value)).Append('\n');
            }
        }

        text.Append("    spec:\n");
        text.Append("      # 0 = unlimited in-flight requests per instance (the app's own limit is PORTABLE_MAX_CONCURRENCY).\n");
        text.Append("      containerConcurrency: ").Append(DeployText.Number(concurrency)).Append('\n');
        text.Append("      timeoutSeconds: ").Append(DeployText.Number(timeout)).Append('\n');
        text.Append("      containers:\n");
        text.Append("        - name: app\n");
        text.Append("          image: ").Append(DeployText.Yaml(image)).Append('\n');
        text.Append("          ports:\n");
        text.Append("            # Knative forwards HTTP/2 cleartext only to a port named h2c; the app then serves h2c (PORTABLE_HTTP_PROTOCOL).\n");
        text.Append("            - name: ").Append(h2c ? "h2c" : "http1").Append('\n');
        text.Append("              containerPort: ").Append(DeployText.Number(port)).Append('\n');
        text.Append("          env:\n");
        text.Append("            - name: PORTABLE_HTTP_PROTOCOL\n");
        text.Append("              value: ").Append(h2c ? "h2c" : "http1").Append('\n');
        text.Append("            - name: PORTABLE_TIMEOUT_SECONDS\n");
        text.Append("              value: ").Append(DeployText.YamlQuoted(DeployText.Number(timeout))).Append('\n');
        AppendProbe(text, "readinessProbe", options.ReadinessPath);
        AppendProbe(text, "livenessProbe", options.LivenessPath);
        var requests = Resources(settings, "Requests");
        var limits = Resources(settings, "Limits");
        if (requests.Count + limits.Count > 0)
        {
            text.Append("          resources:\n");
            AppendResources(text, "requests", requests);
            AppendResources(text, "limits", limits);
        }

        return text.ToString();
    }

    // Knative routes probes to the serving port itself (no port may be named), and the health
    // endpoints answer without invoking a function.
    private static void AppendProbe(StringBuilder text, string name, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        text.Append("          ").Append(name).Append(":\n");
        text.Append("            httpGet:\n");
        text.Append("              path: ").Append(DeployText.Yaml(path)).Append('\n');
    }

    private static List<(string Name, string Value)> Resources(DeploymentSettings settings, string kind)
    {
        var result = new List<(string, string)>(2);
        foreach (var name in new[] { "cpu", "memory" })
        {
            if (settings.GetOptional($"Knative:Resources:{kind}:{name}") is { } value)
            {
                result.Add((name, value));
            }
        }

        return result;
    }

    private static void AppendResources(StringBuilder text, string name, List<(string Name, string Value)> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        text.Append("            ").Append(name).Append(":\n");
        foreach (var (key, value) in values)
        {
            text.Append("              ").Append(key).Append(": ").Append(DeployText.YamlQuoted(value)).Append('\n');
        }
    }

    private static string Triggers(FunctionApp app, DeploymentSettings settings, string service)
    {
        var broker = settings.GetString("Knative:Broker", "default");
        var text = new StringBuilder();
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var function in app.Functions)
        {
            // One trigger per type: the fallback function (no type) gets none, since a trigger without
            // a filter would subscribe the service to every event on the broker.
            if (function.Kind != FunctionKind.Event || function.EventType is not { } type || !types.Add(type))
            {
                continue;
            }

            if (text.Length == 0)
            {
                text.Append("# Knative Eventing triggers of ").Append(settings.AppName).Append(": one per CloudEvent type, delivered to the Service. kubectl apply -f triggers.yaml\n");
            }

            text.Append("---\napiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n");
            text.Append("  name: ").Append(DeployText.Yaml(TriggerName(service, function.Name))).Append('\n');
            if (settings.GetOptional("Knative:Namespace") is { } ns)
            {
                text.Append("  namespace: ").Append(DeployText.Yaml(ns)).Append('\n');
            }

            text.Append("spec:\n  broker: ").Append(DeployText.Yaml(broker)).Append('\n');
            text.Append("  filter:\n    attributes:\n      type: ").Append(DeployText.Yaml(type)).Append('\n');
            text.Append("  subscriber:\n    ref:\n      apiVersion: serving.knative.dev/v1\n      kind: Service\n");
            text.Append("      name: ").Append(DeployText.Yaml(service)).Append('\n');
        }

        return text.ToString();
    }

    // Kubernetes object names: at most 63 characters of lower-case letters, digits and '-'.
    private static string TriggerName(string service, string function)
    {
        var name = DeployText.Kebab(service + "-" + function);
        return name.Length <= 63 ? name : name[..63].TrimEnd('-');
    }
}
