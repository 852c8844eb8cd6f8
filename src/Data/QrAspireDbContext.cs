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

    /// <summary>Tags of QR codes.</summary>
    public DbSet<QrCodeTag> QrCodeTags => Set<QrCodeTag>();

    /// <summary>Refresh tokens (hashed).</summary>
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    /// <summary>API keys (hashed).</summary>
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    /// <summary>E-mail verification and password reset tokens (hashed).</summary>
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();

    /// <summary>E-mails waiting for the Worker (outbox).</summary>
    public DbSet<EmailMessage> EmailMessages => Set<EmailMessage>();

    /// <summary>Uploaded logos.</summary>
    public DbSet<Logo> Logos => Set<Logo>();

    /// <summary>Bulk jobs.</summary>
    public DbSet<Batch> Batches => Set<Batch>();

    /// <summary>Rows of bulk jobs.</summary>
    public DbSet<BatchRow> BatchRows => Set<BatchRow>();

    /// <summary>Raw scans (within the retention period).</summary>
    public DbSet<Scan> Scans => Set<Scan>();

    /// <summary>Hourly scan counts per code and breakdown dimensions.</summary>
    public DbSet<ScanRollup> ScanRollups => Set<ScanRollup>();

    /// <summary>Unique scanners per code and day.</summary>
    public DbSet<ScanVisitor> ScanVisitors => Set<ScanVisitor>();

    /// <summary>Scan events the Worker refused.</summary>
    public DbSet<ScanDeadLetter> ScanDeadLetters => Set<ScanDeadLetter>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Every instant is UTC. SQLite hands DateTime back without a kind; this makes it UTC on both databases.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

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
            code.Property(c => c.Style).HasColumnName("style");
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
            code.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.QrCodeId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<QrCodeTag>(tag =>
        {
            tag.ToTable("qr_code_tags");
            tag.HasKey(t => new { t.QrCodeId, t.Tag });
            tag.Property(t => t.QrCodeId).HasColumnName("qr_code_id").HasMaxLength(32);
            tag.Property(t => t.Tag).HasColumnName("tag").HasMaxLength(50);
            tag.HasIndex(t => t.Tag);
        });

        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).HasColumnName("id").HasMaxLength(32);
            token.Property(t => t.AccountId).HasColumnName("account_id").HasMaxLength(32);
            token.Property(t => t.FamilyId).HasColumnName("family_id").HasMaxLength(32);
            token.Property(t => t.TokenHash).HasColumnName("token_hash").HasMaxLength(64);
            token.Property(t => t.CreatedAt).HasColumnName("created_at");
            token.Property(t => t.ExpiresAt).HasColumnName("expires_at");
            token.Property(t => t.UsedAt).HasColumnName("used_at");
            token.Property(t => t.RevokedAt).HasColumnName("revoked_at");
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            token.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasColumnName("id").HasMaxLength(32);
            key.Property(k => k.AccountId).HasColumnName("account_id").HasMaxLength(32);
            key.Property(k => k.Name).HasColumnName("name").HasMaxLength(100);
            key.Property(k => k.Prefix).HasColumnName("prefix").HasMaxLength(16);
            key.Property(k => k.KeyHash).HasColumnName("key_hash").HasMaxLength(64);
            key.Property(k => k.Scopes).HasColumnName("scopes").HasMaxLength(200);
            key.Property(k => k.CreatedAt).HasColumnName("created_at");
            key.Property(k => k.LastUsedAt).HasColumnName("last_used_at");
            key.Property(k => k.RevokedAt).HasColumnName("revoked_at");
            key.HasIndex(k => k.KeyHash).IsUnique();
            key.HasIndex(k => k.AccountId);
            key.HasOne<Account>().WithMany().HasForeignKey(k => k.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AccountToken>(token =>
        {
            token.ToTable("account_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).HasColumnName("id").HasMaxLength(32);
            token.Property(t => t.AccountId).HasColumnName("account_id").HasMaxLength(32);
            token.Property(t => t.Purpose).HasColumnName("purpose");
            token.Property(t => t.TokenHash).HasColumnName("token_hash").HasMaxLength(64);
            token.Property(t => t.CreatedAt).HasColumnName("created_at");
            token.Property(t => t.ExpiresAt).HasColumnName("expires_at");
            token.Property(t => t.UsedAt).HasColumnName("used_at");
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EmailMessage>(mail =>
        {
            mail.ToTable("email_outbox");
            mail.HasKey(m => m.Id);
            mail.Property(m => m.Id).HasColumnName("id").HasMaxLength(32);
            mail.Property(m => m.To).HasColumnName("to_address").HasMaxLength(320);
            mail.Property(m => m.Template).HasColumnName("template").HasMaxLength(50);
            mail.Property(m => m.Data).HasColumnName("data");
            mail.Property(m => m.CreatedAt).HasColumnName("created_at");
            mail.Property(m => m.SentAt).HasColumnName("sent_at");
            mail.Property(m => m.Attempts).HasColumnName("attempts");
            mail.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            mail.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(1000);
            // The Worker polls for unsent mail in order.
            mail.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        });

        modelBuilder.Entity<Logo>(logo =>
        {
            logo.ToTable("logos");
            logo.HasKey(l => l.Id);
            logo.Property(l => l.Id).HasColumnName("id").HasMaxLength(32);
            logo.Property(l => l.AccountId).HasColumnName("account_id").HasMaxLength(32);
            logo.Property(l => l.ContentType).HasColumnName("content_type").HasMaxLength(50);
            logo.Property(l => l.Length).HasColumnName("length");
            logo.Property(l => l.Width).HasColumnName("width");
            logo.Property(l => l.Height).HasColumnName("height");
            logo.Property(l => l.Sha256).HasColumnName("sha256").HasMaxLength(64);
            logo.Property(l => l.BlobKey).HasColumnName("blob_key").HasMaxLength(200);
            logo.Property(l => l.CreatedAt).HasColumnName("created_at");
            logo.HasIndex(l => l.AccountId);
            logo.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        ConfigureScans(modelBuilder);
        ConfigureBatches(modelBuilder);
    }

    private static void ConfigureBatches(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Batch>(batch =>
        {
            batch.ToTable("batches");
            batch.HasKey(b => b.Id);
            batch.Property(b => b.Id).HasColumnName("id").HasMaxLength(32);
            batch.Property(b => b.OwnerId).HasColumnName("owner_id").HasMaxLength(32);
            batch.Property(b => b.Name).HasColumnName("name").HasMaxLength(200);
            batch.Property(b => b.Status).HasColumnName("status");
            batch.Property(b => b.Format).HasColumnName("format").HasMaxLength(8);
            batch.Property(b => b.TotalRows).HasColumnName("total_rows");
            batch.Property(b => b.RowsDone).HasColumnName("rows_done");
            batch.Property(b => b.RowsFailed).HasColumnName("rows_failed");
            batch.Property(b => b.CreatedAt).HasColumnName("created_at");
            batch.Property(b => b.StartedAt).HasColumnName("started_at");
            batch.Property(b => b.FinishedAt).HasColumnName("finished_at");
            batch.Property(b => b.LeaseOwner).HasColumnName("lease_owner").HasMaxLength(100);
            batch.Property(b => b.LeaseExpiresAt).HasColumnName("lease_expires_at");
            batch.Property(b => b.Attempts).HasColumnName("attempts");
            batch.Property(b => b.BlobKey).HasColumnName("blob_key").HasMaxLength(200);
            batch.Property(b => b.Error).HasColumnName("error").HasMaxLength(1000);
            // The owner's list, newest first (keyset pagination), and the Workers' search for work.
            batch.HasIndex(b => new { b.OwnerId, b.CreatedAt, b.Id });
            batch.HasIndex(b => new { b.Status, b.CreatedAt });
            batch.HasOne<Account>().WithMany().HasForeignKey(b => b.OwnerId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<BatchRow>(row =>
        {
            row.ToTable("batch_rows");
            row.HasKey(r => new { r.BatchId, r.Line });
            row.Property(r => r.BatchId).HasColumnName("batch_id").HasMaxLength(32);
            row.Property(r => r.Line).HasColumnName("line");
            row.Property(r => r.Spec).HasColumnName("spec");
            row.Property(r => r.QrCodeId).HasColumnName("qr_code_id").HasMaxLength(32);
            row.Property(r => r.Error).HasColumnName("error").HasMaxLength(1000);
            row.Property(r => r.ProcessedAt).HasColumnName("processed_at");
            row.HasOne<Batch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    // Scan tables carry no foreign keys: the Worker bulk-writes them, and codes are never removed (soft delete).
    private static void ConfigureScans(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Scan>(scan =>
        {
            scan.ToTable("scans");
            scan.HasKey(s => s.Id);
            scan.Property(s => s.Id).HasColumnName("id").HasMaxLength(64);
            scan.Property(s => s.QrCodeId).HasColumnName("qr_code_id").HasMaxLength(32);
            scan.Property(s => s.ShortCode).HasColumnName("short_code").HasMaxLength(64);
            scan.Property(s => s.OccurredAt).HasColumnName("occurred_at");
            scan.Property(s => s.Country).HasColumnName("country").HasMaxLength(16);
            scan.Property(s => s.Region).HasColumnName("region").HasMaxLength(128);
            scan.Property(s => s.City).HasColumnName("city").HasMaxLength(128);
            scan.Property(s => s.DeviceType).HasColumnName("device_type").HasMaxLength(16);
            scan.Property(s => s.Os).HasColumnName("os").HasMaxLength(32);
            scan.Property(s => s.Browser).HasColumnName("browser").HasMaxLength(48);
            scan.Property(s => s.ReferrerHost).HasColumnName("referrer_host").HasMaxLength(255);
            scan.Property(s => s.IpAnonymised).HasColumnName("ip_anonymised").HasMaxLength(45);
            scan.Property(s => s.VisitorHash).HasColumnName("visitor_hash").HasMaxLength(32);
            scan.Property(s => s.IsBot).HasColumnName("is_bot");
            scan.Property(s => s.IsHead).HasColumnName("is_head");
            // Brute-force checks and exports per code over a time range; the retention job deletes by time.
            scan.HasIndex(s => new { s.QrCodeId, s.OccurredAt });
            scan.HasIndex(s => s.OccurredAt);
        });

        modelBuilder.Entity<ScanRollup>(rollup =>
        {
            rollup.ToTable("scan_rollups");
            rollup.HasKey(r => new { r.QrCodeId, r.Hour, r.Country, r.Region, r.City, r.DeviceType, r.Os, r.Browser, r.ReferrerHost, r.IsBot, r.IsHead });
            rollup.Property(r => r.QrCodeId).HasColumnName("qr_code_id").HasMaxLength(32);
            rollup.Property(r => r.Hour).HasColumnName("hour");
            rollup.Property(r => r.Country).HasColumnName("country").HasMaxLength(16);
            rollup.Property(r => r.Region).HasColumnName("region").HasMaxLength(128);
            rollup.Property(r => r.City).HasColumnName("city").HasMaxLength(128);
            rollup.Property(r => r.DeviceType).HasColumnName("device_type").HasMaxLength(16);
            rollup.Property(r => r.Os).HasColumnName("os").HasMaxLength(32);
            rollup.Property(r => r.Browser).HasColumnName("browser").HasMaxLength(48);
            rollup.Property(r => r.ReferrerHost).HasColumnName("referrer_host").HasMaxLength(255);
            rollup.Property(r => r.IsBot).HasColumnName("is_bot");
            rollup.Property(r => r.IsHead).HasColumnName("is_head");
            rollup.Property(r => r.Scans).HasColumnName("scans");
        });

        modelBuilder.Entity<ScanVisitor>(visitor =>
        {
            visitor.ToTable("scan_visitors");
            visitor.HasKey(v => new { v.QrCodeId, v.Day, v.VisitorHash });
            visitor.Property(v => v.QrCodeId).HasColumnName("qr_code_id").HasMaxLength(32);
            visitor.Property(v => v.Day).HasColumnName("day");
            visitor.Property(v => v.VisitorHash).HasColumnName("visitor_hash").HasMaxLength(32);
            visitor.Property(v => v.IsBot).HasColumnName("is_bot");
            visitor.Property(v => v.FirstHour).HasColumnName("first_hour");
        });

        modelBuilder.Entity<ScanDeadLetter>(letter =>
        {
            letter.ToTable("scan_dead_letters");
            letter.HasKey(l => l.Id);
            letter.Property(l => l.Id).HasColumnName("id").HasMaxLength(32);
            letter.Property(l => l.Payload).HasColumnName("payload");
            letter.Property(l => l.Reason).HasColumnName("reason").HasMaxLength(1000);
            letter.Property(l => l.FailedAt).HasColumnName("failed_at");
            letter.HasIndex(l => l.FailedAt);
        });
    }
}

/// <summary>The model on PostgreSQL; owns <c>Migrations/PostgreSql</c>.</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : QrAspireDbContext(options);

/// <summary>The model on SQLite (the embedded default); owns <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : QrAspireDbContext(options);

/// <summary>Stores instants as UTC and reads them back as <see cref="DateTimeKind.Utc"/>.</summary>
internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
