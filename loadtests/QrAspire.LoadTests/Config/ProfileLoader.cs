using System.Text.Json;

namespace QrAspire.LoadTests.Config;

/// <summary>Reads a profile file and validates it completely, so a bad profile is refused before any load is sent.</summary>
public static class ProfileLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A misspelt key ("duraton") would otherwise be ignored and its default used without a word.
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static LoadProfile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ProfileException([$"profile: no file at '{path}'"]);
        }

        return Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path));
    }

    public static LoadProfile Parse(string json, string name)
    {
        ProfileFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ProfileFile>(json, Options);
        }
        catch (JsonException exception)
        {
            throw new ProfileException([$"profile {name}: not valid JSON for a profile: {exception.Message}"]);
        }

        return file is null
            ? throw new ProfileException([$"profile {name}: empty"])
            : ProfileValidator.Validate(file, name);
    }
}
