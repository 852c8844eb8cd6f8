namespace QrAspire.SystemTests;

/// <summary>Where things are on this machine, and what the test run asked for.</summary>
internal static class TestEnvironment
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The published Native AOT Redirector, when the test run provides one (CI does).</summary>
    public static string? RedirectorBinary => Environment.GetEnvironmentVariable("QRASPIRE_REDIRECTOR_BINARY") is { Length: > 0 } path ? path : null;

    /// <summary>The published Native AOT Redirector, or the test is reported Skipped saying how to provide it.</summary>
    public static string RequireRedirectorBinary()
    {
        Skip.If(RedirectorBinary is null, "needs the published Native AOT Redirector: set QRASPIRE_REDIRECTOR_BINARY (scripts/test.sh publishes it and does)");
        return RedirectorBinary!;
    }

    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>The built entry assembly of a service, e.g. <c>src/Api/bin/Debug/net10.0/QrAspire.Api.dll</c>.</summary>
    public static string ServiceAssembly(string folder, string assembly) =>
        Path.Combine(RepositoryRoot, "src", folder, "bin", Configuration, "net10.0", assembly + ".dll");

    /// <summary>A fresh folder that PostgreSQL (running as the postgres user) may enter.</summary>
    public static string NewDataFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"qraspire-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }

        return folder;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "QrAspire.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("QrAspire.slnx not found above " + AppContext.BaseDirectory);
    }
}
