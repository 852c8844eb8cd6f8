using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;

namespace QrAspire.Data.Configurations;

internal sealed class LogoConfiguration : IEntityTypeConfiguration<Logo>
{
    public void Configure(EntityTypeBuilder<Logo> builder)
    {
        builder.ToTable("logos");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasColumnName("id").HasMaxLength(32);
        builder.Property(l => l.AccountId).HasColumnName("account_id").HasMaxLength(32);
        builder.Property(l => l.ContentType).HasColumnName("content_type").HasMaxLength(50);
        builder.Property(l => l.Length).HasColumnName("length");
        builder.Property(l => l.Width).HasColumnName("width");
        builder.Property(l => l.Height).HasColumnName("height");
        builder.Property(l => l.Sha256).HasColumnName("sha256").HasMaxLength(64);
        builder.Property(l => l.BlobKey).HasColumnName("blob_key").HasMaxLength(200);
        builder.Property(l => l.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(l => l.AccountId);
        builder.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
