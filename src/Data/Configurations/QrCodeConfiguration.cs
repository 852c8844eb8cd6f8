using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;

namespace QrAspire.Data.Configurations;

internal sealed class QrCodeConfiguration : IEntityTypeConfiguration<QrCode>
{
    public void Configure(EntityTypeBuilder<QrCode> builder)
    {
        builder.ToTable("qr_codes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id").HasMaxLength(32);
        builder.Property(c => c.OwnerId).HasColumnName("owner_id").HasMaxLength(32);
        builder.Property(c => c.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(c => c.Kind).HasColumnName("kind");
        builder.Property(c => c.ShortCode).HasColumnName("short_code").HasMaxLength(64);
        builder.Property(c => c.Destination).HasColumnName("destination").HasMaxLength(2048);
        builder.Property(c => c.Payload).HasColumnName("payload");
        builder.Property(c => c.Style).HasColumnName("style");
        builder.Property(c => c.RedirectStatus).HasColumnName("redirect_status");
        builder.Property(c => c.Status).HasColumnName("status");
        builder.Property(c => c.ExpiresAt).HasColumnName("expires_at");
        builder.Property(c => c.DeletedAt).HasColumnName("deleted_at");
        builder.Property(c => c.CreatedAt).HasColumnName("created_at");
        builder.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        builder.Property(c => c.Version).HasColumnName("version").IsConcurrencyToken();
        // The Redirector looks codes up by short code on every cache miss; unique forever (deleted rows keep theirs).
        builder.HasIndex(c => c.ShortCode).IsUnique();
        builder.HasIndex(c => new { c.OwnerId, c.CreatedAt, c.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.QrCodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
