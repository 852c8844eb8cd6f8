using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Tests;

/// <summary>
/// One identity per address: look-alike spellings (compatibility characters, case) are the same account at
/// registration, sign-in and reset, and stored addresses follow the same rule.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class EmailIdentityTests(ApiHost api)
{
    [Theory]
    [InlineData("\u212Aate@example.com", "kate@example.com")] // Kelvin sign
    [InlineData("\uFF4Bate@example.com", "kate@example.com")] // fullwidth k
    [InlineData("ro\u017Fe@example.com", "rose@example.com")] // long s
    [InlineData("\uFB01ne@example.com", "fine@example.com")] // fi ligature
    [InlineData("\U0001D41Ada@example.com", "ada@example.com")] // mathematical bold a
    [InlineData("  ADA@Example.COM ", "ada@example.com")]
    [InlineData("\u1E9E@example.com", "\u00DF@example.com")] // capital sharp s folds to ß
    public void LookAlikeSpellingsNormaliseToTheSameIdentity(string typed, string identity) =>
        Assert.Equal(identity, EmailAddresses.Normalize(typed));

    [Fact]
    public void AMalformedStringNormalisesWithoutThrowing() =>
        Assert.Equal("a\uFFFD@example.com", EmailAddresses.Normalize("a\uD800@example.com"));

    [Theory]
    [InlineData("kate", "\u212Aate")]
    [InlineData("kate", "\uFF4Bate")]
    [InlineData("rose", "ro\u017Fe")]
    [InlineData("fine", "\uFB01ne")]
    public async Task ALookAlikeCannotRegisterASecondAccountForAnExistingAddress(string plain, string lookAlike)
    {
        var domain = $"-{Guid.NewGuid():N}@example.com";
        await ApiClient.SignUpAsync(api.Factory, verified: false, email: plain + domain);

        using var response = await api.Factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email = lookAlike + domain, password = "another long password" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ALookAlikeSpellingSignsInToTheOwnersAccountAndResetMailGoesToTheStoredAddress()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory, email: $"kate-{Guid.NewGuid():N}@example.com");
        var spoofed = "\u212A" + owner.Email[1..].ToUpperInvariant();
        using var client = api.Factory.CreateClient();

        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = spoofed, password = "correct horse battery" });
        using var reset = await client.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = "\uFF4B" + owner.Email[1..] });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, reset.StatusCode);
        Assert.Equal(owner.Email, (await Mailbox.LatestAsync(api.Factory, owner.Email, "reset-password")).To);
    }

    [Fact]
    public async Task AnAddressIsStoredInItsNfkcForm()
    {
        var typed = $"\uFF21da-{Guid.NewGuid():N}@example.com"; // fullwidth A

        var user = await ApiClient.SignUpAsync(api.Factory, verified: false, email: typed);

        await Mailbox.WithDatabaseAsync(api.Factory, async db =>
        {
            var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == user.AccountId);
            Assert.Equal("A" + typed[1..], account.Email);
            Assert.Equal(("a" + typed[1..]).ToLowerInvariant(), account.NormalizedEmail);
        });
    }

    [Theory]
    [InlineData("a\u200Bda@example.com")] // zero-width space
    [InlineData("ada\u202E@example.com")] // right-to-left override
    [InlineData("ada\u00A0@example.com")] // no-break space
    public async Task AddressesWithInvisibleCharactersAreRefused(string email)
    {
        using var response = await api.Factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email, password = "correct horse battery" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "email");
    }

    [Fact]
    public async Task TheMigrationStepNormalisesStoredAddressesAndLeavesALookAlikeConflictToTheOlderAccount()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var plain = $"ada-{tag}@example.com";
        var older = NewAccount($"Ada-{tag}@Example.com", $"ada-{tag}@example.com", DateTime.UtcNow.AddDays(-30));
        // Stored under the old rule (lower-casing only): a fullwidth look-alike of the older account's address.
        var lookAlike = NewAccount($"\uFF41da-{tag}@example.com", $"\uFF41da-{tag}@example.com", DateTime.UtcNow.AddDays(-20));
        var stale = NewAccount($"\uFF22ob-{tag}@example.com", $"\uFF42ob-{tag}@example.com", DateTime.UtcNow.AddDays(-10));
        await Mailbox.WithDatabaseAsync(api.Factory, async db =>
        {
            db.Accounts.AddRange(older, lookAlike, stale);
            await db.SaveChangesAsync();
        });

        await Mailbox.WithDatabaseAsync(api.Factory, db => AccountEmailNormalization.RunAsync(db, NullLogger.Instance, CancellationToken.None));

        await Mailbox.WithDatabaseAsync(api.Factory, async db =>
        {
            var stored = await db.Accounts.AsNoTracking().Where(a => a.Id == older.Id || a.Id == lookAlike.Id || a.Id == stale.Id).ToDictionaryAsync(a => a.Id);
            Assert.Equal(plain, stored[older.Id].NormalizedEmail);
            Assert.Equal($"\uFF41da-{tag}@example.com", stored[lookAlike.Id].NormalizedEmail);
            Assert.Equal($"Bob-{tag}@example.com", stored[stale.Id].Email);
            Assert.Equal($"bob-{tag}@example.com", stored[stale.Id].NormalizedEmail);
        });
    }

    private static Account NewAccount(string email, string normalized, DateTime createdAt) => new()
    {
        Id = "usr_" + Guid.NewGuid().ToString("N")[..20],
        Email = email,
        NormalizedEmail = normalized,
        PasswordHash = "not-a-hash",
        CreatedAt = createdAt,
        EmailVerifiedAt = createdAt,
    };
}
