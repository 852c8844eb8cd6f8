using System.ComponentModel;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Primitives;
using QrAspire.Platform.Routing;

namespace QrAspire.Redirector.Redirects;

/// <summary>What a short code answers.</summary>
public enum RedirectState
{
    /// <summary>No such dynamic code (or a stored destination that is not a safe http(s) URL).</summary>
    NotFound = 0,

    /// <summary>Redirects, until <see cref="RedirectEntry.ExpiresAtTicks"/> if set.</summary>
    Active = 1,

    /// <summary>Paused or deleted: 410.</summary>
    Gone = 2,
}

/// <summary>
/// A short code's cached answer, with its response headers computed once so that a cache hit only copies
/// references. Sealed and <see cref="ImmutableObjectAttribute">immutable</see>: HybridCache then hands out the
/// L1 instance itself instead of deserializing a copy per request.
/// </summary>
[ImmutableObject(true)]
public sealed class RedirectEntry
{
    // 302/307 mean "this may change": no browser or proxy may keep them, or later scans never reach us.
    private static readonly StringValues NoStore = "private, no-store, max-age=0";

    // Browsers keep a 301 forever unless told otherwise; an hour bounds how long a changed destination stays hidden.
    private static readonly StringValues PermanentForAnHour = "private, max-age=3600";

    private int _negativeTtlPending;

    [JsonConstructor]
    public RedirectEntry(RedirectState state, string? qrId, string? location, int status, long? expiresAtTicks, string? routing = null, string? passwordHash = null)
    {
        PasswordHash = passwordHash;
        Routing = routing;
        State = state;
        QrId = qrId;
        Status = status is 301 or 302 or 307 ? status : 302;
        ExpiresAtTicks = expiresAtTicks;
        Location = location;
        if (state == RedirectState.Active && location is not null)
        {
            LocationHeader = location;
            CacheControlHeader = Status == 301 ? PermanentForAnHour : NoStore;
            // Compiled on every cache fill (database read or L2 copy), never per request.
            Compiled = RoutingCompiler.Compile(routing, location);
        }
        else
        {
            State = state == RedirectState.Active ? RedirectState.NotFound : state;
        }
    }

    /// <summary>The shared "no such code" answer of a lookup.</summary>
    public static RedirectEntry NotFound() => new(RedirectState.NotFound, null, null, 0, null) { _negativeTtlPending = 1 };

    public RedirectState State { get; }

    public string? QrId { get; }

    /// <summary>The destination as it goes into <c>Location</c>: absolute http(s), ASCII only.</summary>
    public string? Location { get; }

    /// <summary>301, 302 or 307.</summary>
    public int Status { get; }

    /// <summary>UTC ticks after which the code answers 410, if it expires.</summary>
    public long? ExpiresAtTicks { get; }

    /// <summary>The code's routing as the Api stored it (JSON), or null.</summary>
    public string? Routing { get; }

    /// <summary>The hash of the password scanners must type (<c>CodePassword</c> format), or null when none is asked.</summary>
    public string? PasswordHash { get; }

    /// <summary>The routing ready to evaluate, or null when the code has none.</summary>
    [JsonIgnore]
    public CompiledRouting? Compiled { get; }

    [JsonIgnore]
    public StringValues LocationHeader { get; }

    [JsonIgnore]
    public StringValues CacheControlHeader { get; }

    /// <summary>True once, for the entry a database lookup produced: its caller shortens its lifetime in the cache.</summary>
    internal bool ClaimNegativeTtl() => Volatile.Read(ref _negativeTtlPending) == 1 && Interlocked.Exchange(ref _negativeTtlPending, 0) == 1;

    /// <summary>Whether the code redirects at <paramref name="utcTicks"/>.</summary>
    public bool RedirectsAt(long utcTicks) => State == RedirectState.Active && (ExpiresAtTicks is not { } expires || utcTicks < expires);

    /// <summary>Whether the code has expired at <paramref name="utcTicks"/> and has a fallback to send scans to instead of 410.</summary>
    public bool FallsBackAt(long utcTicks) =>
        State == RedirectState.Active && ExpiresAtTicks is { } expires && utcTicks >= expires && Compiled is { ExpiredLocation.Count: > 0 };
}

/// <summary>Source-generated JSON for the L2 copy of <see cref="RedirectEntry"/> (HybridCache's default serializer uses reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RedirectEntry))]
internal sealed partial class RedirectEntryJsonContext : JsonSerializerContext;
