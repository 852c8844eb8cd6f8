using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

// Read by the analytics like scan_hours: the key leads with the code and the time. No foreign key: the Worker bulk-writes it.
internal sealed class ScanDimensionDayConfiguration : IEntityTypeConfiguration<ScanDimensionDay>
{
    public void Configure(EntityTypeBuilder<ScanDimensionDay> builder)
    {
        builder.ToTable(Schema.ScanDimensionDays.Table);
        builder.HasKey(d => new { d.QrCodeId, d.Day, d.Dimension, d.Value, d.IsBot, d.IsHead });
        builder.Property(d => d.QrCodeId).HasColumnName(Schema.ScanDimensionDays.QrCodeId).HasMaxLength(32);
        builder.Property(d => d.Day).HasColumnName(Schema.ScanDimensionDays.Day);
        builder.Property(d => d.Dimension).HasColumnName(Schema.ScanDimensionDays.Dimension);
        builder.Property(d => d.Value).HasColumnName(Schema.ScanDimensionDays.Value).HasMaxLength(255);
        builder.Property(d => d.IsBot).HasColumnName(Schema.ScanDimensionDays.IsBot);
        builder.Property(d => d.IsHead).HasColumnName(Schema.ScanDimensionDays.IsHead);
        builder.Property(d => d.Scans).HasColumnName(Schema.ScanDimensionDays.Scans);
    }
}
