using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class QrCodeConfiguration : IEntityTypeConfiguration<QrCode>
{
    public void Configure(EntityTypeBuilder<QrCode> builder)
    {
        builder.ToTable(Schema.QrCodes.Table);
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName(Schema.QrCodes.Id).HasMaxLength(32);
        builder.Property(c => c.WorkspaceId).HasColumnName(Schema.QrCodes.WorkspaceId).HasMaxLength(32);
        builder.Property(c => c.Name).HasColumnName(Schema.QrCodes.Name).HasMaxLength(200);
        builder.Property(c => c.Kind).HasColumnName(Schema.QrCodes.Kind);
        builder.Property(c => c.ShortCode).HasColumnName(Schema.QrCodes.ShortCode).HasMaxLength(64);
        builder.Property(c => c.Destination).HasColumnName(Schema.QrCodes.Destination).HasMaxLength(2048);
        builder.Property(c => c.Payload).HasColumnName(Schema.QrCodes.Payload);
        builder.Property(c => c.Style).HasColumnName(Schema.QrCodes.Style);
        builder.Property(c => c.Routing).HasColumnName(Schema.QrCodes.Routing);
        builder.Property(c => c.PasswordHash).HasColumnName(Schema.QrCodes.PasswordHash).HasMaxLength(200);
        builder.Property(c => c.RedirectStatus).HasColumnName(Schema.QrCodes.RedirectStatus);
        builder.Property(c => c.Status).HasColumnName(Schema.QrCodes.Status);
        builder.Property(c => c.ExpiresAt).HasColumnName(Schema.QrCodes.ExpiresAt);
        builder.Property(c => c.DeletedAt).HasColumnName(Schema.QrCodes.DeletedAt);
        builder.Property(c => c.CreatedAt).HasColumnName(Schema.QrCodes.CreatedAt);
        builder.Property(c => c.UpdatedAt).HasColumnName(Schema.QrCodes.UpdatedAt);
        builder.Property(c => c.Version).HasColumnName(Schema.QrCodes.Version).IsConcurrencyToken();
        builder.Property(c => c.DomainId).HasColumnName(Schema.QrCodes.DomainId).HasMaxLength(32);
        // The Redirector looks codes up by short code (and domain) on every cache miss; unique forever per domain
        // (deleted rows keep theirs). Two partial indexes, because NULLs never collide in a unique index on either
        // provider: the service's own host (no domain) needs its own.
        builder.HasIndex(c => c.ShortCode).IsUnique().HasFilter($"{Schema.QrCodes.DomainId} IS NULL");
        builder.HasIndex(c => new { c.DomainId, c.ShortCode }, "ix_qr_codes_domain_id_short_code").IsUnique().HasFilter($"{Schema.QrCodes.DomainId} IS NOT NULL");
        builder.HasOne(c => c.Domain).WithMany().HasForeignKey(c => c.DomainId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.WorkspaceId, c.CreatedAt, c.Id });
        // No foreign key to workspaces: deleted codes outlive a deleted workspace, so their short codes stay taken.
        builder.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.QrCodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
