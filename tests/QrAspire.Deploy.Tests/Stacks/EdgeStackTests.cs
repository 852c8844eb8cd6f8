using Amazon.CDK.Assertions;

namespace QrAspire.Deploy.Tests.Stacks;

[Collection(EstateCollection.Name)]
public sealed class EdgeStackTests(EstateFixture estates)
{
    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void TheWebAclRateLimitsClientsBehindTheCdnAndRunsTheManagedRuleGroups(string environment)
    {
        var estate = estates[environment];
        var template = estate.Template(estate.Estate.Edge);

        template.HasResourceProperties("AWS::WAFv2::WebACL", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Scope"] = "REGIONAL",
            ["DefaultAction"] = new Dictionary<string, object> { ["Allow"] = new Dictionary<string, object>() },
            ["Rules"] = Match.ArrayWith([
                RateRule(estate.Settings.RequestsPerClientPer5Minutes, estate.Settings.CdnClientAddressHeader!),
                RateRule(estate.Settings.SignInRequestsPerClientPer5Minutes, estate.Settings.CdnClientAddressHeader!),
                Managed("AWSManagedRulesAmazonIpReputationList"),
                Managed("AWSManagedRulesCommonRuleSet"),
                Managed("AWSManagedRulesKnownBadInputsRuleSet"),
                Managed("AWSManagedRulesSQLiRuleSet"),
            ]),
        }));
        template.HasResourceProperties("AWS::WAFv2::LoggingConfiguration", Match.AnyValue());
        template.HasResourceProperties("AWS::SSM::Parameter", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Name"] = $"/{estate.Settings.SecretPath}/edge/web-acl-arn",
        }));
    }

    [Fact]
    public void SignInPathsHaveTheTighterLimit()
    {
        var settings = estates.Production.Settings;
        var template = estates.Production.Template(estates.Production.Estate.Edge);

        Assert.True(settings.SignInRequestsPerClientPer5Minutes < settings.RequestsPerClientPer5Minutes);
        template.HasResourceProperties("AWS::WAFv2::WebACL", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Rules"] = Match.ArrayWith([
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Statement"] = Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["RateBasedStatement"] = Match.ObjectLike(new Dictionary<string, object>
                        {
                            ["Limit"] = settings.SignInRequestsPerClientPer5Minutes,
                            ["ScopeDownStatement"] = Match.ObjectLike(new Dictionary<string, object>
                            {
                                ["ByteMatchStatement"] = Match.ObjectLike(new Dictionary<string, object>
                                {
                                    ["SearchString"] = "/api/v1/auth/", ["PositionalConstraint"] = "STARTS_WITH",
                                }),
                            }),
                        }),
                    }),
                }),
            ]),
        }));
    }

    private static object RateRule(int limit, string header) => Match.ObjectLike(new Dictionary<string, object>
    {
        ["Action"] = new Dictionary<string, object> { ["Block"] = new Dictionary<string, object>() },
        ["Statement"] = Match.ObjectLike(new Dictionary<string, object>
        {
            ["RateBasedStatement"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Limit"] = limit,
                ["AggregateKeyType"] = "FORWARDED_IP",
                ["ForwardedIPConfig"] = new Dictionary<string, object>
                {
                    ["HeaderName"] = header,
                    ["FallbackBehavior"] = "MATCH",
                },
            }),
        }),
    });

    private static object Managed(string group) => Match.ObjectLike(new Dictionary<string, object>
    {
        ["Statement"] = Match.ObjectLike(new Dictionary<string, object>
        {
            ["ManagedRuleGroupStatement"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["VendorName"] = "AWS",
                ["Name"] = group,
            }),
        }),
    });
}
