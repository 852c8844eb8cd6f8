namespace QrAspire.TestSupport;

/// <summary>Finds the servers and tools tests start (redis-server, node, …) the way a shell would.</summary>
public static class ExecutablePath
{
    /// <summary>The full path of <paramref name="name"/> in the first <c>PATH</c> folder that has it, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
