using System.Globalization;
using QrAspire.AppHost.Infrastructure;

namespace QrAspire.AppHost.Services;

/// <summary>
/// The system as production runs it, for load tests and fault tests (<c>loadtests/system.sh</c>), switched on by
/// <c>Production:Artifacts</c> (a folder holding <c>api/</c>, <c>worker/</c>, <c>web/</c> from
/// <c>dotnet publish -c Release</c> and <c>redirector/</c> from the Native AOT publish): every service runs from its
/// published output in the Production environment, the Api and the Redirector in <c>Production:Replicas</c> replicas
/// (default 2) behind the AppHost's proxy, and each service with a container in <c>deploy/k8s/base</c> runs as if in
/// that container: its runtime is told the container's memory limit, and takes the share of it for its heap that it
/// would take inside the container.
/// </summary>
internal sealed class ProductionShape
{
    // Settings of deploy/k8s/base/config.yaml that change what a service costs, given to every service as Kubernetes
    // gives them: recording and shipping a trace of every redirect to a dashboard on the same cores would measure the
    // dashboard rather than the service.
    private static readonly string[] CostSettings = ["OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG"];

    private readonly string _artifacts;
    private readonly IReadOnlyDictionary<string, long> _memoryLimits;

    private ProductionShape(string artifacts, int replicas, IReadOnlyDictionary<string, long> memoryLimits, IReadOnlyDictionary<string, string> environment)
    {
        _artifacts = artifacts;
        Replicas = replicas;
        _memoryLimits = memoryLimits;
        SharedSettings = environment;
    }

    public int Replicas { get; }

    /// <summary>The environment every service gets from the shared ConfigMap that matters to a measurement (trace sampling).</summary>
    public IReadOnlyDictionary<string, string> SharedSettings { get; }

    /// <summary>The production shape when <c>Production:Artifacts</c> is set; otherwise null (the projects run as built).</summary>
    public static ProductionShape? From(IDistributedApplicationBuilder builder)
    {
        if (builder.Configuration["Production:Artifacts"] is not { Length: > 0 } artifacts)
        {
            return null;
        }

        var replicasText = builder.Configuration["Production:Replicas"] ?? "2";
        if (!int.TryParse(replicasText, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas) || replicas is < 1 or > 8)
        {
            throw new InfrastructureSettingException($"Production:Replicas: must be a whole number from 1 to 8, got '{replicasText}'");
        }

        var manifests = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "deploy", "k8s", "base"));
        return new ProductionShape(Path.GetFullPath(artifacts), replicas, KubernetesMemoryLimits.Read(manifests), CostEnvironment(manifests));
    }

    private static Dictionary<string, string> CostEnvironment(string manifests)
    {
        var file = Path.Combine(manifests, "config.yaml");
        var data = File.Exists(file) ? KubernetesConfigMap.ReadData(File.ReadLines(file)) : new Dictionary<string, string>();
        return CostSettings.ToDictionary(
            name => name,
            name => data.TryGetValue(name, out var value)
                ? value
                : throw new InfrastructureSettingException($"Production: {file} sets no {name} (the production shape runs with it)"));
    }

    /// <summary>The memory limit of a container of <c>deploy/k8s/base</c>, in bytes.</summary>
    public long MemoryLimit(string container) =>
        _memoryLimits.TryGetValue(container, out var limit)
            ? limit
            : throw new InfrastructureSettingException($"Production: deploy/k8s/base has no memory limit for the container '{container}'");

    /// <summary>The published binary of a service, e.g. <c>{artifacts}/api/QrAspire.Api</c>; it must exist.</summary>
    public string Binary(string folder, string assembly)
    {
        var binary = Path.Combine(_artifacts, folder, assembly);
        return File.Exists(binary)
            ? binary
            : throw new InfrastructureSettingException($"Production:Artifacts: no file at '{binary}' (loadtests/system.sh publishes it)");
    }
}
