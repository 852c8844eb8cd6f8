using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;

namespace QrAspire.Data.Configurations;

// The analytics read this and the two dimension tables (docs/analytics.md, "Storage"): keys lead with the code and
// the time, so one code's range is one primary-key range scan. No foreign key: the Worker bulk-writes it.
internal sealed class ScanHourConfiguration : IEntityTypeConfiguration<ScanHour>
{
    public void Configure(EntityTypeBuilder<ScanHour> builder)
    {
        builder.ToTable("scan_hours");
        builder.HasKey(h => new { h.QrCodeId, h.Hour, h.IsBot, h.IsHead });
        builder.Property(h => h.QrCodeId).HasColumnName("qr_code_id").HasMaxLength(32);
        builder.Property(h => h.Hour).HasColumnName("hour");
        builder.Property(h => h.IsBot).HasColumnName("is_bot");
        builder.Property(h => h.IsHead).HasColumnName("is_head");
        builder.Property(h => h.Scans).HasColumnName("scans");
        builder.Property(h => h.UniqueScanners).HasColumnName("unique_scanners");
    }
}
