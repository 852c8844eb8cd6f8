using System.Text.Json.Nodes;
using QrAspire.Deploy.Aws.Secrets;

namespace QrAspire.Deploy.Tests.Manifests;

/// <summary>The Kubernetes manifests of each overlay read only Secrets Manager entries and SSM parameters the estate creates.</summary>
[Collection(EstateCollection.Name)]
public sealed class ExternalSecretSourcesTests(EstateFixture estates)
{
    [SkippableTheory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void EverySecretVariableOfTheKubernetesManifestsHasASource(string environment)
    {
        var rendered = KubernetesManifests.Render(Path.Combine("overlays", environment));
        Skip.If(rendered is null, "kubectl (with its built-in kustomize) is not installed");
        var manifests = KubernetesManifests.Parse(rendered!);

        Assert.Contains(manifests, o => (string?)o["kind"] == "ExternalSecret");
        var findings = Findings(manifests, estates[environment]);
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [SkippableFact]
    public void AnEntryTheEstateDoesNotCreateIsFound()
    {
        var rendered = KubernetesManifests.Render(Path.Combine("overlays", "staging"));
        Skip.If(rendered is null, "kubectl (with its built-in kustomize) is not installed");
        var estate = estates["staging"];

        var renamedField = KubernetesManifests.Parse(rendered!.Replace(
            "key: web/keys-certificate\n      property: pfx", "key: web/keys-certificate\n      property: certificate",
            StringComparison.Ordinal));
        var productionPrefix = KubernetesManifests.Parse(rendered.Replace(
            "prefix: /qraspire/staging/", "prefix: /qraspire/production/", StringComparison.Ordinal));

        Assert.Contains("ExternalSecret qr-web-certificate keys-certificate.pfx: 'qraspire/staging/web/keys-certificate' has no field 'certificate'",
            Findings(renamedField, estate));
        Assert.Contains("ExternalSecret qr-api-secrets database_host: no SSM parameter '/qraspire/production/database/host'",
            Findings(productionPrefix, estate));
    }

    [Fact]
    public void TemplateVariablesAndTheSecretTemplateMustBeProducedByTheWorkloadsExternalSecret()
    {
        var rendered = KubernetesManifests.Parse("""
            apiVersion: external-secrets.io/v1beta1
            kind: ClusterSecretStore
            metadata: { name: sm }
            spec: { provider: { aws: { service: SecretsManager, prefix: qraspire/staging/ } } }
            ---
            apiVersion: external-secrets.io/v1beta1
            kind: ExternalSecret
            metadata: { name: qr-api-secrets }
            spec:
              secretStoreRef: { name: sm, kind: ClusterSecretStore }
              target:
                name: qr-api-secrets
                template:
                  data:
                    JWT_SECRET: "{{ .jwt_key }}"
                    REDIS_PASSWORD: "{{ .redis_token }}"
              data:
                - secretKey: jwt_key
                  remoteRef: { key: api/jwt, property: key }
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: qr-api }
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      envFrom: [{ secretRef: { name: qr-api-secrets } }, { secretRef: { name: qr-other-secrets } }]
            """);
        var secretTemplate = KubernetesManifests.Parse("""
            apiVersion: v1
            kind: Secret
            metadata: { name: qr-api-secrets }
            stringData: { JWT_SECRET: REPLACE_ME, SENDGRID_API_KEY: REPLACE_ME, AWS_ACCESS_KEY_ID: REPLACE_ME }
            """);
        var aws = new AwsEntries(
            new Dictionary<string, IReadOnlySet<string>> { ["qraspire/staging/api/jwt"] = new HashSet<string> { "key" } },
            new HashSet<string>());

        var findings = SecretSources.Findings(rendered, secretTemplate, aws, ServiceSecrets.ServedByPodRoles);

        Assert.Equal(
            [
                "ExternalSecret qr-api-secrets template REDIS_PASSWORD: .redis_token is not fetched by this ExternalSecret",
                "Secret qr-other-secrets: a workload reads it but no ExternalSecret writes it",
                "Secret qr-api-secrets: SENDGRID_API_KEY (secret.template.yaml) is not produced by its ExternalSecret",
            ],
            findings);
    }

    private static IReadOnlyList<string> Findings(IReadOnlyList<JsonObject> manifests, SynthesizedEstate estate) =>
        SecretSources.Findings(
            manifests,
            KubernetesManifests.Parse(File.ReadAllText(
                Path.Combine(KubernetesManifests.RepositoryRoot(), "deploy", "k8s", "base", "secret.template.yaml"))),
            AwsEntries.Of(estate.Templates),
            ServiceSecrets.ServedByPodRoles);
}
