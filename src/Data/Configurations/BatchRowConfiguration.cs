using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;

namespace QrAspire.Data.Configurations;

internal sealed class BatchRowConfiguration : IEntityTypeConfiguration<BatchRow>
{
    public void Configure(EntityTypeBuilder<BatchRow> builder)
    {
        builder.ToTable("batch_rows");
        builder.HasKey(r => new { r.BatchId, r.Line });
        builder.Property(r => r.BatchId).HasColumnName("batch_id").HasMaxLength(32);
        builder.Property(r => r.Line).HasColumnName("line");
        builder.Property(r => r.Spec).HasColumnName("spec");
        builder.Property(r => r.QrCodeId).HasColumnName("qr_code_id").HasMaxLength(32);
        builder.Property(r => r.Error).HasColumnName("error").HasMaxLength(1000);
        builder.Property(r => r.ProcessedAt).HasColumnName("processed_at");
        builder.HasOne<Batch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
