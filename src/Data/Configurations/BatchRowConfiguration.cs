using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class BatchRowConfiguration : IEntityTypeConfiguration<BatchRow>
{
    public void Configure(EntityTypeBuilder<BatchRow> builder)
    {
        builder.ToTable(Schema.BatchRows.Table);
        builder.HasKey(r => new { r.BatchId, r.Line });
        builder.Property(r => r.BatchId).HasColumnName(Schema.BatchRows.BatchId).HasMaxLength(32);
        builder.Property(r => r.Line).HasColumnName(Schema.BatchRows.Line);
        builder.Property(r => r.Spec).HasColumnName(Schema.BatchRows.Spec);
        builder.Property(r => r.QrCodeId).HasColumnName(Schema.BatchRows.QrCodeId).HasMaxLength(32);
        builder.Property(r => r.Error).HasColumnName(Schema.BatchRows.Error).HasMaxLength(1000);
        builder.Property(r => r.ProcessedAt).HasColumnName(Schema.BatchRows.ProcessedAt);
        builder.HasOne<Batch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
