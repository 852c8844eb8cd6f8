using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

// No foreign key: the Worker bulk-writes it.
internal sealed class ScanVisitorConfiguration : IEntityTypeConfiguration<ScanVisitor>
{
    public void Configure(EntityTypeBuilder<ScanVisitor> builder)
    {
        builder.ToTable(Schema.ScanVisitors.Table);
        builder.HasKey(v => new { v.QrCodeId, v.Day, v.VisitorHash });
        builder.Property(v => v.QrCodeId).HasColumnName(Schema.ScanVisitors.QrCodeId).HasMaxLength(32);
        builder.Property(v => v.Day).HasColumnName(Schema.ScanVisitors.Day);
        builder.Property(v => v.VisitorHash).HasColumnName(Schema.ScanVisitors.VisitorHash).HasMaxLength(32);
        builder.Property(v => v.IsBot).HasColumnName(Schema.ScanVisitors.IsBot);
        builder.Property(v => v.FirstHour).HasColumnName(Schema.ScanVisitors.FirstHour);
        builder.Property(v => v.PreviousFirstHour).HasColumnName(Schema.ScanVisitors.PreviousFirstHour);
    }
}
