namespace QrAspire.Deploy.Aws.Secrets;

/// <summary>
/// A secret Secrets Manager generates: a JSON object of the fixed fields (a user name) and one random field. No value
/// is ever written into a template or this repository.
/// </summary>
public sealed record SecretDefinition(
    string Path,
    string Description,
    string GeneratedField,
    int Length,
    IReadOnlyDictionary<string, string>? FixedFields = null)
{
    public IEnumerable<string> Fields => (FixedFields?.Keys ?? Enumerable.Empty<string>()).Append(GeneratedField);
}
