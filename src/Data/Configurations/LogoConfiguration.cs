using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class LogoConfiguration : IEntityTypeConfiguration<Logo>
{
    public void Configure(EntityTypeBuilder<Logo> builder)
    {
        builder.ToTable(Schema.Logos.Table);
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasColumnName(Schema.Logos.Id).HasMaxLength(32);
        builder.Property(l => l.WorkspaceId).HasColumnName(Schema.Logos.WorkspaceId).HasMaxLength(32);
        builder.Property(l => l.ContentType).HasColumnName(Schema.Logos.ContentType).HasMaxLength(50);
        builder.Property(l => l.Length).HasColumnName(Schema.Logos.Length);
        builder.Property(l => l.Width).HasColumnName(Schema.Logos.Width);
        builder.Property(l => l.Height).HasColumnName(Schema.Logos.Height);
        builder.Property(l => l.Sha256).HasColumnName(Schema.Logos.Sha256).HasMaxLength(64);
        builder.Property(l => l.BlobKey).HasColumnName(Schema.Logos.BlobKey).HasMaxLength(200);
        builder.Property(l => l.CreatedAt).HasColumnName(Schema.Logos.CreatedAt);
        builder.HasIndex(l => l.WorkspaceId);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(l => l.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
