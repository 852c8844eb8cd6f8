namespace QrAspire.TestSupport;

/// <summary>Fresh temporary folders for tests.</summary>
public static class TestFolders
{
    /// <summary>A new folder under the temp path, mode 755 so that PostgreSQL (as the postgres user) can enter it.</summary>
    public static string New(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"qraspire-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }

        return folder;
    }
}
