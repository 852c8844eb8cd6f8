namespace QrAspire.Deploy.Aws.Secrets;

/// <summary>
/// One variable of a workload's Kubernetes Secret and the value External Secrets assembles for it: <c>{path:field}</c>
/// is a field of a Secrets Manager secret under the environment's path, <c>{param:path}</c> an SSM parameter under it
/// (endpoints, which are not secret).
/// </summary>
public sealed record SecretVariable(string KubernetesSecret, string Variable, string Value);
