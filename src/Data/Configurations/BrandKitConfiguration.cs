using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class BrandKitConfiguration : IEntityTypeConfiguration<BrandKit>
{
    public void Configure(EntityTypeBuilder<BrandKit> builder)
    {
        builder.ToTable(Schema.BrandKits.Table);
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasColumnName(Schema.BrandKits.Id).HasMaxLength(32);
        builder.Property(k => k.WorkspaceId).HasColumnName(Schema.BrandKits.WorkspaceId).HasMaxLength(32);
        builder.Property(k => k.Name).HasColumnName(Schema.BrandKits.Name).HasMaxLength(200);
        builder.Property(k => k.Style).HasColumnName(Schema.BrandKits.Style);
        builder.Property(k => k.CreatedAt).HasColumnName(Schema.BrandKits.CreatedAt);
        builder.Property(k => k.UpdatedAt).HasColumnName(Schema.BrandKits.UpdatedAt);
        builder.HasIndex(k => new { k.WorkspaceId, k.Name }).IsUnique();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(k => k.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
