using Portable.Functions.Hosting;

namespace Portable.Functions.Deploy;

/// <summary>
/// The container image of the Kestrel hosts (Knative and Cloud Run): a multi-stage Native AOT build.
/// Both the Knative and the GCP writer write the same <c>container/Dockerfile</c>, so an app that uses
/// only one of them still gets it.
/// </summary>
internal static class NativeAotDockerfile
{
    /// <summary>Folder of the Dockerfile below the output directory.</summary>
    public const string Folder = "container";

    /// <summary>Writes <c>container/Dockerfile</c>; returns its path.</summary>
    public static string Write(DeploymentSettings settings)
    {
        var path = settings.PathFor(Folder, "Dockerfile");
        DeployText.WriteFile(path, Render(settings));
        return path;
    }

    /// <summary>The Dockerfile text.</summary>
    public static string Render(DeploymentSettings settings)
    {
        var app = settings.AppName;
        var project = settings.GetString("Container:Project", app + ".csproj");
        // The build image matches the runtime's distribution (Ubuntu noble): a native binary linked
        // against a newer glibc than the runtime image has fails to start.
        var sdk = settings.GetString("Container:BuildImage", "mcr.microsoft.com/dotnet/sdk:10.0-noble");
        var runtime = settings.GetString("Container:RuntimeImage", "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled");
        var rid = settings.GetChoice("Container:RuntimeIdentifier", "linux-x64", "linux-x64", "linux-arm64");
        var port = settings.GetInt32("Container:Port", 8080, 1, 65535);
        return $"""
            # Native AOT image of {app} for Knative and Cloud Run (written by --write-deploy-files).
            # Build from the folder that holds {project} and what it references:
            #   docker build -f <deploy-dir>/container/Dockerfile -t <registry>/{DeployText.Kebab(app)}:<tag> .
            FROM {sdk} AS build
            # Native AOT links with clang against zlib.
            RUN apt-get update \
             && apt-get install -y --no-install-recommends clang zlib1g-dev \
             && rm -rf /var/lib/apt/lists/*
            WORKDIR /src
            COPY . .
            RUN dotnet publish {project} -c Release -r {rid} -p:PublishAot=true -o /out

            # The AOT binary needs no .NET runtime: runtime-deps holds only glibc, ICU-free libs and CA
            # certificates; the chiseled variant has no shell or package manager.
            FROM {runtime} AS runtime
            WORKDIR /app
            COPY --from=build /out/{app} /app/{app}
            # Knative and Cloud Run set PORT; the app listens on it (8080 when unset) on all interfaces
            # because DOTNET_RUNNING_IN_CONTAINER is set.
            ENV PORT={DeployText.Number(port)} DOTNET_RUNNING_IN_CONTAINER=true
            EXPOSE {DeployText.Number(port)}
            # The non-root user of the .NET images (uid 1654), numeric so runAsNonRoot can verify it.
            USER 1654
            ENTRYPOINT ["/app/{app}"]

            """;
    }
}
