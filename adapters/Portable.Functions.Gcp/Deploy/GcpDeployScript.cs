using System.Text;
using Portable.Functions.Deploy;

namespace Portable.Functions.Gcp.Deploy;

/// <summary><c>gcp/deploy.sh</c>: <c>gcloud run deploy</c> per function (from source or from the image) and the Eventarc triggers.</summary>
internal static class GcpDeployScript
{
    public static string Render(GcpDeploySettings gcp)
    {
        var t = new StringBuilder();
        t.Append("#!/usr/bin/env bash\n");
        t.Append("# Cloud Run functions deployment of ").Append(gcp.AppName).Append(" (written by --write-deploy-files).\n");
        t.Append("#   gcp/deploy.sh source   gcloud run deploy --function: Google's .NET buildpack builds SOURCE\n");
        t.Append("#   gcp/deploy.sh image    gcloud run deploy --image: the Native AOT image of container/Dockerfile\n");
        t.Append("# SOURCE must restore from package references (a ProjectReference to ../ files is not uploaded):\n");
        t.Append("# pack the Portable.Functions packages into SOURCE/packages and add a nuget.config naming that folder.\n");
        t.Append("set -euo pipefail\n\n");
        t.Append("MODE=\"${1:-source}\"\n");
        t.Append("PROJECT=\"${GOOGLE_CLOUD_PROJECT:-$(gcloud config get-value project)}\"\n");
        t.Append("REGION=\"${REGION:-").Append(gcp.Region).Append("}\"\n");
        t.Append("SOURCE=\"${SOURCE:-").Append(gcp.Source).Append("}\"\n");
        t.Append("IMAGE=\"${IMAGE:-").Append(gcp.Image.Replace("PROJECT", "$PROJECT", StringComparison.Ordinal)).Append("}\"\n");
        t.Append("BASE_IMAGE=\"${BASE_IMAGE:-").Append(gcp.Runtime).Append("}\"\n");
        t.Append("# Eventarc triggers invoke the services as this account (it needs roles/run.invoker).\n");
        t.Append("TRIGGER_SERVICE_ACCOUNT=\"${TRIGGER_SERVICE_ACCOUNT:-$(gcloud projects describe \"$PROJECT\" --format='value(projectNumber)')-compute@developer.gserviceaccount.com}\"\n\n");
        t.Append("if [ \"$MODE\" = source ] && grep -qs '<ProjectReference Include=\"\\.\\./' \"$SOURCE\"/*.csproj; then\n");
        t.Append("  echo \"$SOURCE has ProjectReferences outside the folder; a source deploy cannot restore them (see the README's Deploy section).\" >&2\n");
        t.Append("  exit 1\n");
        t.Append("fi\n\n");
        t.Append("deploy() {\n");
        t.Append("  local service=$1 target=$2\n");
        t.Append("  shift 2\n");
        t.Append("  local common=(--region=\"$REGION\" --project=\"$PROJECT\" --memory=").Append(DeployText.Number(gcp.Memory)).Append("Mi --timeout=").Append(DeployText.Number(gcp.TimeoutSeconds)).Append(" --concurrency=").Append(DeployText.Number(gcp.Concurrency)).Append(" --set-env-vars=\"GOOGLE_CLOUD_PROJECT=$PROJECT\")\n");
        t.Append("  case \"$MODE\" in\n");
        t.Append("    source) gcloud run deploy \"$service\" --source=\"$SOURCE\" --function=\"$target\" --base-image=\"$BASE_IMAGE\" \"${common[@]}\" \"$@\" ;;\n");
        t.Append("    image) gcloud run deploy \"$service\" --image=\"$IMAGE\" --update-env-vars=\"FUNCTION_TARGET=$target\" \"${common[@]}\" \"$@\" ;;\n");
        t.Append("    *) echo \"usage: $0 source|image\" >&2; exit 2 ;;\n");
        t.Append("  esac\n");
        t.Append("}\n\n");
        foreach (var function in gcp.Functions)
        {
            var auth = !function.IsEvent && gcp.AllowUnauthenticated ? "--allow-unauthenticated" : "--no-allow-unauthenticated";
            t.Append("# ").Append(function.Function.ToString()).Append('\n');
            t.Append("deploy ").Append(DeployText.Shell(function.Service)).Append(' ').Append(DeployText.Shell(function.Function.Name)).Append(' ').Append(auth).Append('\n');
            if (function.IsEvent)
            {
                if (function.Topic is { } created)
                {
                    t.Append("gcloud pubsub topics describe ").Append(DeployText.Shell(created)).Append(" --project=\"$PROJECT\" >/dev/null 2>&1 || gcloud pubsub topics create ").Append(DeployText.Shell(created)).Append(" --project=\"$PROJECT\"\n");
                }

                t.Append("gcloud eventarc triggers create ").Append(DeployText.Shell(function.Service + "-trigger")).Append(" --location=\"$REGION\" --project=\"$PROJECT\" \\\n");
                t.Append("  --destination-run-service=").Append(DeployText.Shell(function.Service)).Append(" --destination-run-region=\"$REGION\" \\\n");
                t.Append("  --event-filters=").Append(DeployText.Shell("type=" + function.TriggerType)).Append(" \\\n");
                if (function.Topic is { } topic)
                {
                    t.Append("  --transport-topic=").Append(DeployText.Shell(topic)).Append(" \\\n");
                }

                t.Append("  --service-account=\"$TRIGGER_SERVICE_ACCOUNT\"\n");
            }

            t.Append('\n');
        }

        return t.ToString();
    }
}
