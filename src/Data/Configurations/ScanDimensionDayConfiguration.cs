using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;

namespace QrAspire.Data.Configurations;

// Read by the analytics like scan_hours: the key leads with the code and the time. No foreign key: the Worker bulk-writes it.
internal sealed class ScanDimensionDayConfiguration : IEntityTypeConfiguration<ScanDimensionDay>
{
    public void Configure(EntityTypeBuilder<ScanDimensionDay> builder)
    {
        builder.ToTable("scan_dimension_days");
        builder.HasKey(d => new { d.QrCodeId, d.Day, d.Dimension, d.Value, d.IsBot, d.IsHead });
        builder.Property(d => d.QrCodeId).HasColumnName("qr_code_id").HasMaxLength(32);
        builder.Property(d => d.Day).HasColumnName("day");
        builder.Property(d => d.Dimension).HasColumnName("dimension");
        builder.Property(d => d.Value).HasColumnName("value").HasMaxLength(255);
        builder.Property(d => d.IsBot).HasColumnName("is_bot");
        builder.Property(d => d.IsHead).HasColumnName("is_head");
        builder.Property(d => d.Scans).HasColumnName("scans");
    }
}
