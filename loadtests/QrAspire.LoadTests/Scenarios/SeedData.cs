namespace QrAspire.LoadTests.Scenarios;

/// <summary>A dynamic code the run created (or read from --codes-file), by Api id and short code.</summary>
public sealed record SeededCode(string Id, string ShortCode);

/// <summary>What the scenarios work on: the codes, and the API key that owns them (none with --codes-file).</summary>
public sealed record SeedData(string? ApiKey, IReadOnlyList<SeededCode> Codes)
{
    /// <summary>Short codes one per line, for a redirect-only run against a system seeded some other way.</summary>
    public static SeedData FromCodesFile(string path) =>
        new(null, [.. File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).Select(code => new SeededCode(code, code))]);
}
