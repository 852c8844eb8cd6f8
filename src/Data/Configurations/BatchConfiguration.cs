using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;

namespace QrAspire.Data.Configurations;

internal sealed class BatchConfiguration : IEntityTypeConfiguration<Batch>
{
    public void Configure(EntityTypeBuilder<Batch> builder)
    {
        builder.ToTable("batches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasColumnName("id").HasMaxLength(32);
        builder.Property(b => b.OwnerId).HasColumnName("owner_id").HasMaxLength(32);
        builder.Property(b => b.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(b => b.Status).HasColumnName("status");
        builder.Property(b => b.Format).HasColumnName("format").HasMaxLength(8);
        builder.Property(b => b.TotalRows).HasColumnName("total_rows");
        builder.Property(b => b.RowsDone).HasColumnName("rows_done");
        builder.Property(b => b.RowsFailed).HasColumnName("rows_failed");
        builder.Property(b => b.CreatedAt).HasColumnName("created_at");
        builder.Property(b => b.StartedAt).HasColumnName("started_at");
        builder.Property(b => b.FinishedAt).HasColumnName("finished_at");
        builder.Property(b => b.LeaseOwner).HasColumnName("lease_owner").HasMaxLength(100);
        builder.Property(b => b.LeaseExpiresAt).HasColumnName("lease_expires_at");
        builder.Property(b => b.Attempts).HasColumnName("attempts");
        builder.Property(b => b.BlobKey).HasColumnName("blob_key").HasMaxLength(200);
        builder.Property(b => b.Error).HasColumnName("error").HasMaxLength(1000);
        // The owner's list, newest first (keyset pagination), and the Workers' search for work.
        builder.HasIndex(b => new { b.OwnerId, b.CreatedAt, b.Id });
        builder.HasIndex(b => new { b.Status, b.CreatedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(b => b.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
