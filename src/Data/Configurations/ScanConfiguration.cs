using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

// Scan tables carry no foreign keys: the Worker bulk-writes them, and codes are never removed (soft delete).
internal sealed class ScanConfiguration : IEntityTypeConfiguration<Scan>
{
    public void Configure(EntityTypeBuilder<Scan> builder)
    {
        builder.ToTable(Schema.Scans.Table);
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName(Schema.Scans.Id).HasMaxLength(64);
        builder.Property(s => s.QrCodeId).HasColumnName(Schema.Scans.QrCodeId).HasMaxLength(32);
        builder.Property(s => s.ShortCode).HasColumnName(Schema.Scans.ShortCode).HasMaxLength(64);
        builder.Property(s => s.OccurredAt).HasColumnName(Schema.Scans.OccurredAt);
        builder.Property(s => s.Country).HasColumnName(Schema.Scans.Country).HasMaxLength(16);
        builder.Property(s => s.Region).HasColumnName(Schema.Scans.Region).HasMaxLength(128);
        builder.Property(s => s.City).HasColumnName(Schema.Scans.City).HasMaxLength(128);
        builder.Property(s => s.DeviceType).HasColumnName(Schema.Scans.DeviceType).HasMaxLength(16);
        builder.Property(s => s.Os).HasColumnName(Schema.Scans.Os).HasMaxLength(32);
        builder.Property(s => s.Browser).HasColumnName(Schema.Scans.Browser).HasMaxLength(48);
        builder.Property(s => s.ReferrerHost).HasColumnName(Schema.Scans.ReferrerHost).HasMaxLength(255);
        builder.Property(s => s.IpAnonymised).HasColumnName(Schema.Scans.IpAnonymised).HasMaxLength(45);
        builder.Property(s => s.VisitorHash).HasColumnName(Schema.Scans.VisitorHash).HasMaxLength(32);
        builder.Property(s => s.IsBot).HasColumnName(Schema.Scans.IsBot);
        builder.Property(s => s.IsHead).HasColumnName(Schema.Scans.IsHead);
        builder.Property(s => s.Rule).HasColumnName(Schema.Scans.Rule);
        builder.Property(s => s.Variant).HasColumnName(Schema.Scans.Variant);
        builder.Property(s => s.ExpiredFallback).HasColumnName(Schema.Scans.ExpiredFallback);
        builder.Property(s => s.LimitFallback).HasColumnName(Schema.Scans.LimitFallback);
        // Brute-force checks and exports per code over a time range; the retention job deletes by time.
        builder.HasIndex(s => new { s.QrCodeId, s.OccurredAt });
        builder.HasIndex(s => s.OccurredAt);
    }
}
