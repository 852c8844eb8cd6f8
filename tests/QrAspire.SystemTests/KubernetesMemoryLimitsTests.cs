using QrAspire.AppHost.Infrastructure;
using QrAspire.AppHost.Services;

namespace QrAspire.SystemTests;

/// <summary>
/// The production shape holds each service to the memory limit written in <c>deploy/k8s/base</c>, read from there at
/// start: these fail when the manifests stop giving a service a limit the reader can find.
/// </summary>
public sealed class KubernetesMemoryLimitsTests
{
    [Theory]
    [InlineData("api")]
    [InlineData("redirector")]
    [InlineData("worker")]
    public void EveryLimitedServiceHasAMemoryLimitInTheManifests(string container)
    {
        var limits = KubernetesMemoryLimits.Read(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "k8s", "base"));

        Assert.True(limits.TryGetValue(container, out var limit), $"deploy/k8s/base has no memory limit for '{container}'");
        Assert.InRange(limit, 64L * 1024 * 1024, 64L * 1024 * 1024 * 1024);
    }

    [Fact]
    public void ReadsEachContainersLimitNotItsRequestPortsOrEnvironment()
    {
        string[] manifest =
        [
            "kind: Deployment",
            "spec:",
            "  template:",
            "    spec:",
            "      containers:",
            "        - name: api",
            "          ports:",
            "            - name: http",
            "          env:",
            "            - name: MEMORY",
            "              value: \"1\"",
            "          resources:",
            "            requests:",
            "              memory: 256Mi",
            "            limits:",
            "              memory: 512Mi",
            "              cpu: 500m",
            "        - name: sidecar",
            "          resources:",
            "            limits:",
            "              memory: 1Gi",
            "      volumes:",
            "        - name: tmp",
            "---",
            "kind: Job",
            "spec:",
            "  containers:",
            "    - name: migrate",
            "      resources:",
            "        limits:",
            "          memory: \"300M\"",
        ];

        var read = KubernetesMemoryLimits.ReadContainers(manifest).ToList();

        Assert.Equal(new[] { ("api", "512Mi"), ("sidecar", "1Gi"), ("migrate", "300M") }, read);
    }

    [Theory]
    [InlineData("512Mi", 536_870_912L)]
    [InlineData("1Gi", 1_073_741_824L)]
    [InlineData("1.5Gi", 1_610_612_736L)]
    [InlineData("300M", 300_000_000L)]
    [InlineData("64Ki", 65_536L)]
    [InlineData("1048576", 1_048_576L)]
    public void ReadsKubernetesQuantities(string quantity, long bytes) =>
        Assert.Equal(bytes, KubernetesMemoryLimits.ParseQuantity(quantity, "test.yaml"));

    [Theory]
    [InlineData("512MB")]
    [InlineData("Mi")]
    [InlineData("-1Gi")]
    public void RefusesWhatIsNotAQuantityNamingIt(string quantity)
    {
        var exception = Assert.Throws<InfrastructureSettingException>(() => KubernetesMemoryLimits.ParseQuantity(quantity, "test.yaml"));

        Assert.Contains(quantity, exception.Message, StringComparison.Ordinal);
    }
}
