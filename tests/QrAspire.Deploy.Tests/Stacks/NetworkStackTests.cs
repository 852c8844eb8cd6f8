using Amazon.CDK.Assertions;

namespace QrAspire.Deploy.Tests.Stacks;

[Collection(EstateCollection.Name)]
public sealed class NetworkStackTests(EstateFixture estates)
{
    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void TheVpcHasPublicPrivateAndDataSubnetsInEachOfThreeZones(string environment)
    {
        var estate = estates[environment];
        var template = estate.Template(estate.Estate.Network);

        template.ResourceCountIs("AWS::EC2::Subnet", 9);
        foreach (var zone in estate.Settings.AvailabilityZones)
        {
            foreach (var (name, type) in new[] { ("public", "Public"), ("private", "Private"), ("data", "Isolated") })
            {
                template.HasResourceProperties("AWS::EC2::Subnet", Match.ObjectLike(new Dictionary<string, object>
                {
                    ["AvailabilityZone"] = zone,
                    ["Tags"] = Match.ArrayWith([
                        Tag("aws-cdk:subnet-name", name),
                        Tag("aws-cdk:subnet-type", type),
                    ]),
                }));
            }
        }
    }

    [Theory]
    [InlineData("staging", 30)]
    [InlineData("production", 365)]
    public void NatGatewaysAndFlowLogsFollowTheEnvironment(string environment, int logRetentionDays)
    {
        var estate = estates[environment];
        var template = estate.Template(estate.Estate.Network);

        template.ResourceCountIs("AWS::EC2::NatGateway", estate.Settings.NatGateways);
        template.HasResourceProperties("AWS::EC2::FlowLog", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TrafficType"] = "ALL",
            ["LogDestinationType"] = "cloud-watch-logs",
        }));
        template.HasResourceProperties("AWS::Logs::LogGroup", Match.ObjectLike(new Dictionary<string, object>
        {
            ["RetentionInDays"] = logRetentionDays,
        }));
    }

    [Fact]
    public void ProductionHasANatGatewayPerZoneAndStagingOne()
    {
        Assert.Equal(3, estates.Production.Settings.NatGateways);
        Assert.Equal(1, estates.Staging.Settings.NatGateways);
        estates.Production.Template(estates.Production.Estate.Network).ResourceCountIs("AWS::EC2::NatGateway", 3);
        estates.Staging.Template(estates.Staging.Estate.Network).ResourceCountIs("AWS::EC2::NatGateway", 1);
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void TheBastionIsManagedThroughSessionManagerWithNoInboundRule(string environment)
    {
        var estate = estates[environment];
        var network = estate.Templates.Single(template => template.Name == $"{estate.Estate.Network.StackName}.template.json");

        var bastion = Assert.Single(network.OfType("AWS::EC2::Instance"));
        var groupId = bastion.Properties["SecurityGroupIds"]![0]!["Fn::GetAtt"]![0]!.GetValue<string>();
        var group = network.OfType("AWS::EC2::SecurityGroup").Single(candidate => candidate.Id == groupId);
        Assert.Null(group.Properties["SecurityGroupIngress"]);
        Assert.DoesNotContain(estate.Templates.SelectMany(template => template.OfType("AWS::EC2::SecurityGroupIngress")),
            rule => rule.Properties["GroupId"]?.ToJsonString().Contains(groupId, StringComparison.Ordinal) == true);
        var subnet = bastion.Properties["SubnetId"]!["Ref"]!.GetValue<string>();
        Assert.Contains("private", subnet, StringComparison.Ordinal);

        // Session Manager's channel, granted to the instance's role: the only way in.
        estate.Template(estate.Estate.Network).HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(
            new Dictionary<string, object>
            {
                ["PolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Statement"] = Match.ArrayWith([
                        Match.ObjectLike(new Dictionary<string, object>
                        {
                            ["Action"] = Match.ArrayWith(["ssmmessages:*", "ssm:UpdateInstanceInformation"]),
                        }),
                    ]),
                }),
                ["Roles"] = new[] { new Dictionary<string, object> { ["Ref"] = RoleOf(network) } },
            }));
    }

    private static string RoleOf(SynthesizedTemplate network) =>
        network.OfType("AWS::IAM::InstanceProfile").Single().Properties["Roles"]![0]!["Ref"]!.GetValue<string>();

    private static object Tag(string key, string value) =>
        Match.ObjectLike(new Dictionary<string, object> { ["Key"] = key, ["Value"] = value });
}
