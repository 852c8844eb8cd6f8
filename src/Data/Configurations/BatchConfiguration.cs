using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class BatchConfiguration : IEntityTypeConfiguration<Batch>
{
    public void Configure(EntityTypeBuilder<Batch> builder)
    {
        builder.ToTable(Schema.Batches.Table);
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasColumnName(Schema.Batches.Id).HasMaxLength(32);
        builder.Property(b => b.WorkspaceId).HasColumnName(Schema.Batches.WorkspaceId).HasMaxLength(32);
        builder.Property(b => b.CreatedBy).HasColumnName(Schema.Batches.CreatedBy).HasMaxLength(32);
        builder.Property(b => b.Name).HasColumnName(Schema.Batches.Name).HasMaxLength(200);
        builder.Property(b => b.Status).HasColumnName(Schema.Batches.Status);
        builder.Property(b => b.Format).HasColumnName(Schema.Batches.Format).HasMaxLength(8);
        builder.Property(b => b.TotalRows).HasColumnName(Schema.Batches.TotalRows);
        builder.Property(b => b.RowsDone).HasColumnName(Schema.Batches.RowsDone);
        builder.Property(b => b.RowsFailed).HasColumnName(Schema.Batches.RowsFailed);
        builder.Property(b => b.CreatedAt).HasColumnName(Schema.Batches.CreatedAt);
        builder.Property(b => b.StartedAt).HasColumnName(Schema.Batches.StartedAt);
        builder.Property(b => b.FinishedAt).HasColumnName(Schema.Batches.FinishedAt);
        builder.Property(b => b.LeaseOwner).HasColumnName(Schema.Batches.LeaseOwner).HasMaxLength(100);
        builder.Property(b => b.LeaseExpiresAt).HasColumnName(Schema.Batches.LeaseExpiresAt);
        builder.Property(b => b.Attempts).HasColumnName(Schema.Batches.Attempts);
        builder.Property(b => b.BlobKey).HasColumnName(Schema.Batches.BlobKey).HasMaxLength(200);
        builder.Property(b => b.Error).HasColumnName(Schema.Batches.Error).HasMaxLength(1000);
        // The owner's list, newest first (keyset pagination), and the Workers' search for work.
        builder.HasIndex(b => new { b.WorkspaceId, b.CreatedAt, b.Id });
        builder.HasIndex(b => new { b.Status, b.CreatedAt });
        builder.HasOne<Workspace>().WithMany().HasForeignKey(b => b.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
