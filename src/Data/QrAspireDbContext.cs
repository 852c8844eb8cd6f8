using Microsoft.EntityFrameworkCore;
using QrAspire.Data.Configurations;
using QrAspire.Data.Model;
using QrAspire.Data.Webhooks;

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

    /// <summary>Named styles applied by id.</summary>
    public DbSet<BrandKit> BrandKits => Set<BrandKit>();

    /// <summary>Branded domains, including removed ones (soft delete).</summary>
    public DbSet<Domain> Domains => Set<Domain>();

    /// <summary>Bulk jobs.</summary>
    public DbSet<Batch> Batches => Set<Batch>();

    /// <summary>Rows of bulk jobs.</summary>
    public DbSet<BatchRow> BatchRows => Set<BatchRow>();

    /// <summary>Raw scans (within the retention period).</summary>
    public DbSet<Scan> Scans => Set<Scan>();

    /// <summary>Scans and first visits per code and hour.</summary>
    public DbSet<ScanHour> ScanHours => Set<ScanHour>();

    /// <summary>Scans per code, hour and one dimension's value.</summary>
    public DbSet<ScanDimensionHour> ScanDimensionHours => Set<ScanDimensionHour>();

    /// <summary>Scans per code, day and one dimension's value.</summary>
    public DbSet<ScanDimensionDay> ScanDimensionDays => Set<ScanDimensionDay>();

    /// <summary>Unique scanners per code and day.</summary>
    public DbSet<ScanVisitor> ScanVisitors => Set<ScanVisitor>();

    /// <summary>Scans and first visits per code, hour, routing rule and A/B variant.</summary>
    public DbSet<ScanRouteHour> ScanRouteHours => Set<ScanRouteHour>();

    /// <summary>Unique scanners per code, day, routing rule and A/B variant.</summary>
    public DbSet<ScanRouteVisitor> ScanRouteVisitors => Set<ScanRouteVisitor>();

    /// <summary>Who changed what in each workspace, and when.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Scan events the Worker refused.</summary>
    public DbSet<ScanDeadLetter> ScanDeadLetters => Set<ScanDeadLetter>();

    /// <summary>URLs workspaces have subscribed to events.</summary>
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    /// <summary>Events for webhooks (the outbox).</summary>
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();

    /// <summary>Deliveries of events to endpoints.</summary>
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>Workspaces: personal ones (id = account id) and shared ones.</summary>
    public DbSet<Workspace> Workspaces => Set<Workspace>();

    /// <summary>Members of workspaces and their roles.</summary>
    public DbSet<WorkspaceMember> WorkspaceMembers => Set<WorkspaceMember>();

    /// <summary>Invitations to workspaces.</summary>
    public DbSet<WorkspaceInvitation> WorkspaceInvitations => Set<WorkspaceInvitation>();

    /// <inheritdoc />
    /// <remarks>
    /// A webhook endpoint removed after <see cref="WebhookOutbox.AddAsync"/> read it leaves a queued delivery that
    /// names a row that is gone. Had this save come first, the removal would have deleted that delivery with its
    /// endpoint; so such deliveries are dropped and the save is tried again, instead of failing the change they ride
    /// on. Another endpoint may go while that happens: each failed attempt drops at least one delivery or rethrows,
    /// so the loop ends. Nothing was committed by a failed attempt, so the next cannot write anything twice.
    /// </remarks>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsForeignKeyViolation(exception) && WebhookOutbox.HasQueued(this))
            {
                if (!await WebhookOutbox.DropDeliveriesToRemovedEndpointsAsync(this, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }
        }
    }

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
        // One configuration per entity (Configurations/), applied explicitly: no assembly scan, and a fixed order.
        modelBuilder.ApplyConfiguration(new AccountConfiguration());
        modelBuilder.ApplyConfiguration(new QrCodeConfiguration());
        modelBuilder.ApplyConfiguration(new QrCodeTagConfiguration());
        modelBuilder.ApplyConfiguration(new RefreshTokenConfiguration());
        modelBuilder.ApplyConfiguration(new ApiKeyConfiguration());
        modelBuilder.ApplyConfiguration(new AccountTokenConfiguration());
        modelBuilder.ApplyConfiguration(new EmailMessageConfiguration());
        modelBuilder.ApplyConfiguration(new LogoConfiguration());
        modelBuilder.ApplyConfiguration(new BrandKitConfiguration());
        modelBuilder.ApplyConfiguration(new DomainConfiguration());
        modelBuilder.ApplyConfiguration(new BatchConfiguration());
        modelBuilder.ApplyConfiguration(new BatchRowConfiguration());
        modelBuilder.ApplyConfiguration(new ScanConfiguration());
        modelBuilder.ApplyConfiguration(new ScanHourConfiguration());
        modelBuilder.ApplyConfiguration(new ScanDimensionHourConfiguration());
        modelBuilder.ApplyConfiguration(new ScanDimensionDayConfiguration());
        modelBuilder.ApplyConfiguration(new ScanVisitorConfiguration());
        modelBuilder.ApplyConfiguration(new ScanRouteHourConfiguration());
        modelBuilder.ApplyConfiguration(new ScanRouteVisitorConfiguration());
        modelBuilder.ApplyConfiguration(new ScanDeadLetterConfiguration());
        modelBuilder.ApplyConfiguration(new WebhookEndpointConfiguration());
        modelBuilder.ApplyConfiguration(new WebhookEventConfiguration());
        modelBuilder.ApplyConfiguration(new WebhookDeliveryConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new WorkspaceConfiguration());
        modelBuilder.ApplyConfiguration(new WorkspaceMemberConfiguration());
        modelBuilder.ApplyConfiguration(new WorkspaceInvitationConfiguration());
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
