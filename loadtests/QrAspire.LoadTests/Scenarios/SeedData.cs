namespace QrAspire.LoadTests.Scenarios;

/// <summary>A dynamic code the run created (or read from --codes-file), by Api id and short code.</summary>
public sealed record SeededCode(string Id, string ShortCode);

/// <summary>
/// What the scenarios work on: the codes, and the API key that owns them (none with --codes-file). <see cref="FreshCodes"/>
/// are never scanned by any other scenario: scan-lag redirects each once and waits for that one scan to show.
/// </summary>
public sealed record SeedData(string? ApiKey, IReadOnlyList<SeededCode> Codes, IReadOnlyList<SeededCode> FreshCodes)
{
    /// <summary>Short codes one per line, for a redirect-only run against a system seeded some other way.</summary>
    public static SeedData FromCodesFile(string path) =>
        new(null, [.. File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).Select(code => new SeededCode(code, code))], []);

    /// <summary>Writes the short codes one per line (--save-codes): the same codes for wrk's cross-check.</summary>
    public Task SaveShortCodesAsync(string path) => File.WriteAllLinesAsync(path, Codes.Select(c => c.ShortCode));
}
