using Microsoft.EntityFrameworkCore;
using QrAspire.Data.Model;

namespace QrAspire.Data;

/// <summary>
/// The model, shared by both providers. Each provider has a subclass only so that it can own its migration set
/// (<see cref="PostgresDbContext"/>, <see cref="SqliteDbContext"/>); code asks for this type.
/// </summary>
public abstract class QrAspireDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Accounts.</summary>
    public DbSet<Account> Accounts => Set<Account>();

    /// <summary>QR codes, including deleted ones.</summary>
    public DbSet<QrCode> QrCodes => Set<QrCode>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Id).HasColumnName("id").HasMaxLength(32);
            account.Property(a => a.Email).HasColumnName("email").HasMaxLength(320);
            account.Property(a => a.NormalizedEmail).HasColumnName("normalized_email").HasMaxLength(320);
            account.Property(a => a.PasswordHash).HasColumnName("password_hash").HasMaxLength(256);
            account.Property(a => a.EmailVerifiedAt).HasColumnName("email_verified_at");
            account.Property(a => a.CreatedAt).HasColumnName("created_at");
            account.HasIndex(a => a.NormalizedEmail).IsUnique();
        });

        modelBuilder.Entity<QrCode>(code =>
        {
            code.ToTable("qr_codes");
            code.HasKey(c => c.Id);
            code.Property(c => c.Id).HasColumnName("id").HasMaxLength(32);
            code.Property(c => c.OwnerId).HasColumnName("owner_id").HasMaxLength(32);
            code.Property(c => c.Name).HasColumnName("name").HasMaxLength(200);
            code.Property(c => c.Kind).HasColumnName("kind");
            code.Property(c => c.ShortCode).HasColumnName("short_code").HasMaxLength(64);
            code.Property(c => c.Destination).HasColumnName("destination").HasMaxLength(2048);
            code.Property(c => c.Payload).HasColumnName("payload");
            code.Property(c => c.RedirectStatus).HasColumnName("redirect_status");
            code.Property(c => c.Status).HasColumnName("status");
            code.Property(c => c.ExpiresAt).HasColumnName("expires_at");
            code.Property(c => c.DeletedAt).HasColumnName("deleted_at");
            code.Property(c => c.CreatedAt).HasColumnName("created_at");
            code.Property(c => c.UpdatedAt).HasColumnName("updated_at");
            code.Property(c => c.Version).HasColumnName("version").IsConcurrencyToken();
            // The Redirector looks codes up by short code on every cache miss; unique forever (deleted rows keep theirs).
            code.HasIndex(c => c.ShortCode).IsUnique();
            code.HasIndex(c => new { c.OwnerId, c.CreatedAt, c.Id });
            code.HasOne<Account>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

/// <summary>The model on PostgreSQL; owns <c>Migrations/PostgreSql</c>.</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : QrAspireDbContext(options);

/// <summary>The model on SQLite (the embedded default); owns <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : QrAspireDbContext(options);
