using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

// Read like scan_hours: the key leads with the code and the hour, so one code's range is one primary-key range scan.
// No foreign key: the Worker bulk-writes it.
internal sealed class ScanRouteHourConfiguration : IEntityTypeConfiguration<ScanRouteHour>
{
    public void Configure(EntityTypeBuilder<ScanRouteHour> builder)
    {
        builder.ToTable(Schema.ScanRouteHours.Table);
        builder.HasKey(h => new { h.QrCodeId, h.Hour, h.Rule, h.Variant, h.IsBot, h.IsHead });
        builder.Property(h => h.QrCodeId).HasColumnName(Schema.ScanRouteHours.QrCodeId).HasMaxLength(32);
        builder.Property(h => h.Hour).HasColumnName(Schema.ScanRouteHours.Hour);
        builder.Property(h => h.Rule).HasColumnName(Schema.ScanRouteHours.Rule);
        builder.Property(h => h.Variant).HasColumnName(Schema.ScanRouteHours.Variant);
        builder.Property(h => h.IsBot).HasColumnName(Schema.ScanRouteHours.IsBot);
        builder.Property(h => h.IsHead).HasColumnName(Schema.ScanRouteHours.IsHead);
        builder.Property(h => h.Scans).HasColumnName(Schema.ScanRouteHours.Scans);
        builder.Property(h => h.UniqueScanners).HasColumnName(Schema.ScanRouteHours.UniqueScanners);
    }
}
