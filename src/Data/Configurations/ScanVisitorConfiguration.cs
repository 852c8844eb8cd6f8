using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;

namespace QrAspire.Data.Configurations;

// No foreign key: the Worker bulk-writes it.
internal sealed class ScanVisitorConfiguration : IEntityTypeConfiguration<ScanVisitor>
{
    public void Configure(EntityTypeBuilder<ScanVisitor> builder)
    {
        builder.ToTable("scan_visitors");
        builder.HasKey(v => new { v.QrCodeId, v.Day, v.VisitorHash });
        builder.Property(v => v.QrCodeId).HasColumnName("qr_code_id").HasMaxLength(32);
        builder.Property(v => v.Day).HasColumnName("day");
        builder.Property(v => v.VisitorHash).HasColumnName("visitor_hash").HasMaxLength(32);
        builder.Property(v => v.IsBot).HasColumnName("is_bot");
        builder.Property(v => v.FirstHour).HasColumnName("first_hour");
        builder.Property(v => v.PreviousFirstHour).HasColumnName("previous_first_hour");
    }
}
