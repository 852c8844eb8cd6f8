using QrAspire.AppHost.Services;

namespace QrAspire.SystemTests;

/// <summary>
/// The production shape runs every service with the trace sampling of <c>deploy/k8s/base/config.yaml</c>, read from
/// there at start: these fail when the file stops giving it in a form the reader finds.
/// </summary>
public sealed class KubernetesConfigMapTests
{
    [Fact]
    public void TheSharedConfigMapSamplesTraces()
    {
        var data = KubernetesConfigMap.ReadData(File.ReadLines(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "k8s", "base", "config.yaml")));

        Assert.Equal("parentbased_traceidratio", data["OTEL_TRACES_SAMPLER"]);
        Assert.InRange(double.Parse(data["OTEL_TRACES_SAMPLER_ARG"], System.Globalization.CultureInfo.InvariantCulture), 0.0001, 0.1);
    }

    [Fact]
    public void ReadsOnlyTheFirstDataBlockSkippingCommentsAndQuotes()
    {
        string[] manifest =
        [
            "apiVersion: v1",
            "kind: ConfigMap",
            "data:",
            "  # a comment: not a key",
            "  PLAIN: value",
            "  QUOTED: \"0.01\"",
            "",
            "  AFTER_BLANK: yes",
            "metadata:",
            "  name: not-data",
            "---",
            "kind: ConfigMap",
            "data:",
            "  SECOND_DOCUMENT: ignored",
        ];

        var data = KubernetesConfigMap.ReadData(manifest);

        Assert.Equal(new Dictionary<string, string> { ["PLAIN"] = "value", ["QUOTED"] = "0.01", ["AFTER_BLANK"] = "yes" }, data);
    }
}
