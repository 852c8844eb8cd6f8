namespace QrAspire.LoadTests.Config;

/// <summary>A profile or command line the harness refuses; each problem is one line, printed before any load is sent.</summary>
public sealed class ProfileException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
