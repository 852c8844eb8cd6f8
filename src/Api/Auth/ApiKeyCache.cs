using System.Collections.Concurrent;
using StackExchange.Redis;

namespace QrAspire.Api.Auth;

/// <summary>
/// This replica's memory of the API keys it found valid, so that a request signed with a key costs no database read.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Only valid keys are kept: an unknown or revoked key is read from the database every time, so guessed keys
/// cannot fill the cache. At most <see cref="MaxEntries"/> keys, each for at most <see cref="Lifetime"/>.</item>
/// <item>Every path that ends a key (revoking it, removing its creator from the workspace, revoking its creator's
/// credentials, deleting its workspace) calls <see cref="ApiKeyRevocations.CommittedAsync"/> after its commit: this
/// replica forgets every key at once, every other replica when the message on <see cref="ChannelName"/> arrives.</item>
/// <item>While this replica is not subscribed to that channel (Redis away, or not yet connected), it keeps nothing
/// and reads every key from the database, so a message it could not receive never leaves a revoked key working.
/// <see cref="Lifetime"/> bounds what is left: a revocation whose publish is still being retried, or a row changed
/// by hand.</item>
/// <item>A lookup that read the database before a revocation committed must not store its answer after the
/// revocation cleared the cache: each clear advances <see cref="Generation"/>, and an answer read under an older
/// generation is not kept.</item>
/// </list>
/// </remarks>
public sealed class ApiKeyCache(TimeProvider clock)
{
    /// <summary>The pub/sub channel every Api replica listens on; each message clears every replica's cache.</summary>
    public const string ChannelName = "qraspire:api-keys:invalidate";

    /// <summary>The channel as StackExchange.Redis wants it (a literal, not a pattern).</summary>
    public static RedisChannel Channel { get; } = RedisChannel.Literal(ChannelName);

    /// <summary>The one message on <see cref="ChannelName"/>: forget every key.</summary>
    public const string ClearAll = "*";

    public const int MaxEntries = 10_000;

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, ValidApiKey> _keys = new(StringComparer.Ordinal);
    private readonly long _lifetime = (long)(Lifetime.TotalSeconds * clock.TimestampFrequency);
    private long _generation;
    private volatile bool _listening;

    /// <summary>True while this replica is subscribed to <see cref="ChannelName"/>: only then are keys kept.</summary>
    public bool IsListening => _listening;

    /// <summary>Advances on every clear; read it before the database lookup whose answer <see cref="Add"/> stores.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public int Count => _keys.Count;

    /// <summary>The key stored under <paramref name="hash"/>, unless it is older than <see cref="Lifetime"/> or this replica is not listening.</summary>
    public ValidApiKey? Find(string hash)
    {
        if (!_listening || !_keys.TryGetValue(hash, out var key))
        {
            return null;
        }

        if (clock.GetTimestamp() - key.ReadAt <= _lifetime)
        {
            return key;
        }

        _keys.TryRemove(new KeyValuePair<string, ValidApiKey>(hash, key));
        return null;
    }

    /// <summary>Keeps <paramref name="key"/>, read from the database under <paramref name="generation"/>, unless a clear came since.</summary>
    public void Add(string hash, ValidApiKey key, long generation)
    {
        if (!_listening || Generation != generation || _keys.Count >= MaxEntries)
        {
            return;
        }

        _keys[hash] = key;
        if (Generation != generation)
        {
            // A clear ran between the check and the write: it may have missed this entry.
            _keys.TryRemove(new KeyValuePair<string, ValidApiKey>(hash, key));
        }
    }

    /// <summary>Forgets every key.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _keys.Clear();
    }

    /// <summary>Starts keeping keys: this replica now receives every clear published on <see cref="ChannelName"/>.</summary>
    public void StartListening()
    {
        Clear();
        _listening = true;
    }

    /// <summary>Stops keeping keys (the subscription is down, so clears can be missed) and forgets the ones kept.</summary>
    public void StopListening()
    {
        _listening = false;
        Clear();
    }
}
