using Amazon.CDK;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SSM;
using Amazon.CDK.AWS.WAFv2;
using Constructs;
using Pseudo = Amazon.CDK.Aws;

namespace QrAspire.Deploy.Aws.Edge;

/// <summary>
/// The WAF web ACL of the ingress ALB: per-client rate limits (all paths, and tighter on sign-in) and AWS managed rule
/// groups. The ALB itself is made by the AWS Load Balancer Controller from the Kubernetes Ingress, which attaches this
/// ACL through the annotation <c>alb.ingress.kubernetes.io/wafv2-acl-arn</c> (its ARN is in an SSM parameter).
/// </summary>
public sealed class EdgeStack : Stack
{
    public CfnWebACL WebAcl { get; }

    public EdgeStack(Construct scope, string id, EnvironmentSettings settings, IStackProps props)
        : base(scope, id, props)
    {
        WebAcl = new CfnWebACL(this, "WebAcl", new CfnWebACLProps
        {
            Name = settings.Prefix,
            Scope = "REGIONAL",
            Description = "Ingress ALB: rate limits and AWS managed rules",
            DefaultAction = new CfnWebACL.DefaultActionProperty { Allow = new CfnWebACL.AllowActionProperty() },
            VisibilityConfig = Visibility(settings.Prefix),
            Rules =
            new object[]
            {
                RateLimit("requests-per-client", 0, settings.RequestsPerClientPer5Minutes, settings, scopeDown: null),
                // Sign-in and registration: the Api throttles per account and network too; this stops floods first.
                RateLimit("sign-in-requests-per-client", 1, settings.SignInRequestsPerClientPer5Minutes, settings,
                    new CfnWebACL.StatementProperty
                    {
                        ByteMatchStatement = new CfnWebACL.ByteMatchStatementProperty
                        {
                            FieldToMatch = new CfnWebACL.FieldToMatchProperty { UriPath = new Dictionary<string, object>() },
                            PositionalConstraint = "STARTS_WITH",
                            SearchString = "/api/v1/auth/",
                            TextTransformations = new object[] { new CfnWebACL.TextTransformationProperty { Priority = 0, Type = "LOWERCASE" } },
                        },
                    }),
                Managed("AWSManagedRulesAmazonIpReputationList", 2),
                // Bulk CSV uploads and logos are larger than the common rule set's 8 KB body limit: that one rule counts.
                Managed("AWSManagedRulesCommonRuleSet", 3, countOnly: ["SizeRestrictions_BODY"]),
                Managed("AWSManagedRulesKnownBadInputsRuleSet", 4),
                Managed("AWSManagedRulesSQLiRuleSet", 5),
            },
        });

        // WAF writes only to log groups whose names start with aws-waf-logs-.
        var logName = $"aws-waf-logs-{settings.Prefix}";
        var logs = new LogGroup(this, "WebAclLogs", new LogGroupProps
        {
            LogGroupName = logName,
            Retention = settings.LogRetention,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        var logging = new CfnLoggingConfiguration(this, "WebAclLogging", new CfnLoggingConfigurationProps
        {
            ResourceArn = WebAcl.AttrArn,
            LogDestinationConfigs = [$"arn:{Pseudo.PARTITION}:logs:{Region}:{Pseudo.ACCOUNT_ID}:log-group:{logName}"],
        });
        logging.Node.AddDependency(logs);

        _ = new StringParameter(this, "WebAclArnParameter", new StringParameterProps
        {
            ParameterName = $"/{settings.SecretPath}/edge/web-acl-arn",
            Description = "WAF web ACL of the ingress ALB (alb.ingress.kubernetes.io/wafv2-acl-arn)",
            StringValue = WebAcl.AttrArn,
        });
        _ = new CfnOutput(this, "WebAclArn", new CfnOutputProps { Value = WebAcl.AttrArn });
    }

    private static CfnWebACL.RuleProperty RateLimit(
        string name, int priority, int limit, EnvironmentSettings settings, CfnWebACL.StatementProperty? scopeDown) =>
        new()
        {
            Name = name,
            Priority = priority,
            Action = new CfnWebACL.RuleActionProperty { Block = new CfnWebACL.BlockActionProperty() },
            VisibilityConfig = Visibility(name),
            Statement = new CfnWebACL.StatementProperty
            {
                RateBasedStatement = new CfnWebACL.RateBasedStatementProperty
                {
                    Limit = limit,
                    // Behind a CDN every request comes from the CDN's addresses: count the client it names instead.
                    // A request without the header (one that went around the CDN) is treated as matching: blocked.
                    AggregateKeyType = settings.CdnClientAddressHeader is null ? "IP" : "FORWARDED_IP",
                    ForwardedIpConfig = settings.CdnClientAddressHeader is null
                        ? null
                        : new CfnWebACL.ForwardedIPConfigurationProperty
                        {
                            HeaderName = settings.CdnClientAddressHeader,
                            FallbackBehavior = "MATCH",
                        },
                    ScopeDownStatement = scopeDown,
                },
            },
        };

    private static CfnWebACL.RuleProperty Managed(string group, int priority, string[]? countOnly = null) =>
        new()
        {
            Name = group,
            Priority = priority,
            OverrideAction = new CfnWebACL.OverrideActionProperty { None = new Dictionary<string, object>() },
            VisibilityConfig = Visibility(group),
            Statement = new CfnWebACL.StatementProperty
            {
                ManagedRuleGroupStatement = new CfnWebACL.ManagedRuleGroupStatementProperty
                {
                    VendorName = "AWS",
                    Name = group,
                    RuleActionOverrides = countOnly?.Select(rule => (object)new CfnWebACL.RuleActionOverrideProperty
                    {
                        Name = rule,
                        ActionToUse = new CfnWebACL.RuleActionProperty { Count = new CfnWebACL.CountActionProperty() },
                    }).ToArray(),
                },
            },
        };

    private static CfnWebACL.VisibilityConfigProperty Visibility(string metric) => new()
    {
        MetricName = metric,
        CloudWatchMetricsEnabled = true,
        SampledRequestsEnabled = true,
    };
}
