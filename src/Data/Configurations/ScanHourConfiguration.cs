using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

// The analytics read this and the two dimension tables (docs/analytics.md, "Storage"): keys lead with the code and
// the time, so one code's range is one primary-key range scan. No foreign key: the Worker bulk-writes it.
internal sealed class ScanHourConfiguration : IEntityTypeConfiguration<ScanHour>
{
    public void Configure(EntityTypeBuilder<ScanHour> builder)
    {
        builder.ToTable(Schema.ScanHours.Table);
        builder.HasKey(h => new { h.QrCodeId, h.Hour, h.IsBot, h.IsHead });
        builder.Property(h => h.QrCodeId).HasColumnName(Schema.ScanHours.QrCodeId).HasMaxLength(32);
        builder.Property(h => h.Hour).HasColumnName(Schema.ScanHours.Hour);
        builder.Property(h => h.IsBot).HasColumnName(Schema.ScanHours.IsBot);
        builder.Property(h => h.IsHead).HasColumnName(Schema.ScanHours.IsHead);
        builder.Property(h => h.Scans).HasColumnName(Schema.ScanHours.Scans);
        builder.Property(h => h.UniqueScanners).HasColumnName(Schema.ScanHours.UniqueScanners);
    }
}
