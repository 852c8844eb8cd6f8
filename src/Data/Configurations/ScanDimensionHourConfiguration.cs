using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

// Read by the analytics like scan_hours: the key leads with the code and the time. No foreign key: the Worker bulk-writes it.
internal sealed class ScanDimensionHourConfiguration : IEntityTypeConfiguration<ScanDimensionHour>
{
    public void Configure(EntityTypeBuilder<ScanDimensionHour> builder)
    {
        builder.ToTable(Schema.ScanDimensionHours.Table);
        builder.HasKey(d => new { d.QrCodeId, d.Hour, d.Dimension, d.Value, d.IsBot, d.IsHead });
        builder.Property(d => d.QrCodeId).HasColumnName(Schema.ScanDimensionHours.QrCodeId).HasMaxLength(32);
        builder.Property(d => d.Hour).HasColumnName(Schema.ScanDimensionHours.Hour);
        builder.Property(d => d.Dimension).HasColumnName(Schema.ScanDimensionHours.Dimension);
        builder.Property(d => d.Value).HasColumnName(Schema.ScanDimensionHours.Value).HasMaxLength(255);
        builder.Property(d => d.IsBot).HasColumnName(Schema.ScanDimensionHours.IsBot);
        builder.Property(d => d.IsHead).HasColumnName(Schema.ScanDimensionHours.IsHead);
        builder.Property(d => d.Scans).HasColumnName(Schema.ScanDimensionHours.Scans);
    }
}
