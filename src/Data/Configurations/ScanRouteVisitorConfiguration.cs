using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

// No foreign key: the Worker bulk-writes it.
internal sealed class ScanRouteVisitorConfiguration : IEntityTypeConfiguration<ScanRouteVisitor>
{
    public void Configure(EntityTypeBuilder<ScanRouteVisitor> builder)
    {
        builder.ToTable(Schema.ScanRouteVisitors.Table);
        builder.HasKey(v => new { v.QrCodeId, v.Day, v.Rule, v.Variant, v.VisitorHash });
        builder.Property(v => v.QrCodeId).HasColumnName(Schema.ScanRouteVisitors.QrCodeId).HasMaxLength(32);
        builder.Property(v => v.Day).HasColumnName(Schema.ScanRouteVisitors.Day);
        builder.Property(v => v.Rule).HasColumnName(Schema.ScanRouteVisitors.Rule);
        builder.Property(v => v.Variant).HasColumnName(Schema.ScanRouteVisitors.Variant);
        builder.Property(v => v.VisitorHash).HasColumnName(Schema.ScanRouteVisitors.VisitorHash).HasMaxLength(32);
        builder.Property(v => v.IsBot).HasColumnName(Schema.ScanRouteVisitors.IsBot);
        builder.Property(v => v.FirstHour).HasColumnName(Schema.ScanRouteVisitors.FirstHour);
        builder.Property(v => v.PreviousFirstHour).HasColumnName(Schema.ScanRouteVisitors.PreviousFirstHour);
    }
}
