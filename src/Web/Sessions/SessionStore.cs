using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace QrAspire.Web.Sessions;

/// <summary>
/// Console sessions: in memory, written through to one Data-Protection-encrypted file each, so a restart keeps
/// everyone signed in and a stolen data folder without the keys reveals no token. One instance serves one replica;
/// several replicas would need a shared folder (the files are written atomically).
/// </summary>
public sealed class SessionStore
{
    private readonly ConcurrentDictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _refreshLocks = new(StringComparer.Ordinal);
    private readonly IDataProtector _protector;
    private readonly string _folder;

    /// <summary>Creates the store over <paramref name="folder"/>.</summary>
    public SessionStore(IDataProtectionProvider protection, string folder)
    {
        ArgumentNullException.ThrowIfNull(protection);
        _protector = protection.CreateProtector("QrAspire.Web.Sessions.v1");
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    /// <summary>Stores a new session for <paramref name="email"/> and returns it.</summary>
    public async Task<ConsoleSession> CreateAsync(string email, TokenPair tokens, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var session = new ConsoleSession(id, email, tokens.AccessToken, now.AddSeconds(tokens.ExpiresIn), tokens.RefreshToken);
        await SaveAsync(session);
        return session;
    }

    /// <summary>The session, or null when it is unknown (signed out, or never existed).</summary>
    public async Task<ConsoleSession?> FindAsync(string? id)
    {
        if (id is null || id.Length != 64 || !id.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        if (_sessions.TryGetValue(id, out var session))
        {
            return session;
        }

        var file = FileOf(id);
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            var json = _protector.Unprotect(await File.ReadAllBytesAsync(file));
            session = JsonSerializer.Deserialize<ConsoleSession>(json);
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or IOException)
        {
            return null; // keys rotated away or a torn file: the user signs in again.
        }

        return session is null ? null : _sessions.GetOrAdd(id, session);
    }

    /// <summary>Replaces a session's tokens after a refresh.</summary>
    public Task UpdateAsync(ConsoleSession session) => SaveAsync(session);

    /// <summary>Forgets a session.</summary>
    public Task RemoveAsync(string id)
    {
        _sessions.TryRemove(id, out _);
        var file = FileOf(id);
        if (File.Exists(file))
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The lock a refresh of this session takes: refresh tokens work once, so two requests refreshing at the same
    /// time would make the Api see a reused token and end the whole session.
    /// </summary>
    public SemaphoreSlim RefreshLock(string id) => _refreshLocks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));

    private async Task SaveAsync(ConsoleSession session)
    {
        var file = FileOf(session.Id);
        var temporary = file + ".tmp";
        await File.WriteAllBytesAsync(temporary, _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(session)));
        File.Move(temporary, file, overwrite: true);
        _sessions[session.Id] = session;
    }

    private string FileOf(string id) => Path.Combine(_folder, id + ".session");
}
