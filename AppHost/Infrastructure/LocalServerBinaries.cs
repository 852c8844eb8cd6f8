namespace QrAspire.AppHost.Infrastructure;

/// <summary>PostgreSQL and Redis server binaries installed on this machine (Debian: packages postgresql, redis-server).</summary>
internal sealed record LocalServerBinaries(string Postgres, string Initdb, string RedisServer)
{
    public const string InstallHint = "apt-get install postgresql redis-server";

    public static LocalServerBinaries? Find()
    {
        var redis = OnPath("redis-server");
        var postgres = OnPath("postgres") ?? DebianPostgres("postgres");
        if (redis is null || postgres is null)
        {
            return null;
        }

        var initdb = Path.Combine(Path.GetDirectoryName(ResolveLinks(postgres))!, "initdb");
        return File.Exists(initdb) ? new LocalServerBinaries(postgres, initdb, redis) : null;
    }

    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    // Debian keeps the server binaries off the PATH, one folder per major version: take the newest.
    private static string? DebianPostgres(string name) =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(folder => Path.Combine(folder, "bin", name))
                .Where(File.Exists)
                .OrderByDescending(path => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static string ResolveLinks(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    public override string ToString() => $"{Postgres} and {RedisServer}";
}
