namespace QrAspire.Deploy.Tests.Policy;

/// <summary>The policy over every synthesized template (stacks and nested stacks) of each environment.</summary>
[Collection(EstateCollection.Name)]
public sealed class EstatePolicyTests(EstateFixture estates)
{
    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void EveryTemplateOfTheEnvironmentMeetsThePolicy(string environment)
    {
        var estate = estates[environment];

        var violations = EstatePolicy.Violations(estate.Templates, production: estate.Settings.DeletionProtection)
            .ToList();

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void ThePolicyHasSomethingToHoldInEveryEnvironment(string environment)
    {
        var templates = estates[environment].Templates;
        int Count(string type) => templates.Sum(template => template.OfType(type).Count());

        // Each rule above passes vacuously on a template without its resources: these are what it holds.
        Assert.Equal(1, Count("AWS::RDS::DBInstance"));
        Assert.Equal(1, Count("AWS::ElastiCache::ReplicationGroup"));
        Assert.Equal(3, Count("AWS::S3::Bucket"));
        Assert.Equal(1, Count("AWS::EFS::FileSystem"));
        Assert.Equal(9, Count("AWS::EC2::Subnet"));
        Assert.Equal(2, Count("AWS::EKS::Nodegroup"));
        Assert.True(Count("AWS::EC2::SecurityGroup") >= 4);
        Assert.True(Count("AWS::SecretsManager::Secret") >= 7);
        Assert.Contains(templates, template => template.Name.EndsWith(".nested.template.json", StringComparison.Ordinal));
    }
}
