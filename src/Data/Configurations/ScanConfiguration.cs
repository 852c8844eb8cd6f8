using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;

namespace QrAspire.Data.Configurations;

// Scan tables carry no foreign keys: the Worker bulk-writes them, and codes are never removed (soft delete).
internal sealed class ScanConfiguration : IEntityTypeConfiguration<Scan>
{
    public void Configure(EntityTypeBuilder<Scan> builder)
    {
        builder.ToTable("scans");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id").HasMaxLength(64);
        builder.Property(s => s.QrCodeId).HasColumnName("qr_code_id").HasMaxLength(32);
        builder.Property(s => s.ShortCode).HasColumnName("short_code").HasMaxLength(64);
        builder.Property(s => s.OccurredAt).HasColumnName("occurred_at");
        builder.Property(s => s.Country).HasColumnName("country").HasMaxLength(16);
        builder.Property(s => s.Region).HasColumnName("region").HasMaxLength(128);
        builder.Property(s => s.City).HasColumnName("city").HasMaxLength(128);
        builder.Property(s => s.DeviceType).HasColumnName("device_type").HasMaxLength(16);
        builder.Property(s => s.Os).HasColumnName("os").HasMaxLength(32);
        builder.Property(s => s.Browser).HasColumnName("browser").HasMaxLength(48);
        builder.Property(s => s.ReferrerHost).HasColumnName("referrer_host").HasMaxLength(255);
        builder.Property(s => s.IpAnonymised).HasColumnName("ip_anonymised").HasMaxLength(45);
        builder.Property(s => s.VisitorHash).HasColumnName("visitor_hash").HasMaxLength(32);
        builder.Property(s => s.IsBot).HasColumnName("is_bot");
        builder.Property(s => s.IsHead).HasColumnName("is_head");
        // Brute-force checks and exports per code over a time range; the retention job deletes by time.
        builder.HasIndex(s => new { s.QrCodeId, s.OccurredAt });
        builder.HasIndex(s => s.OccurredAt);
    }
}
