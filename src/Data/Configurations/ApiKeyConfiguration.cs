using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable(Schema.ApiKeys.Table);
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasColumnName(Schema.ApiKeys.Id).HasMaxLength(32);
        builder.Property(k => k.WorkspaceId).HasColumnName(Schema.ApiKeys.WorkspaceId).HasMaxLength(32);
        builder.Property(k => k.CreatedBy).HasColumnName(Schema.ApiKeys.CreatedBy).HasMaxLength(32);
        builder.Property(k => k.Name).HasColumnName(Schema.ApiKeys.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasColumnName(Schema.ApiKeys.Prefix).HasMaxLength(16);
        builder.Property(k => k.KeyHash).HasColumnName(Schema.ApiKeys.KeyHash).HasMaxLength(64);
        builder.Property(k => k.Scopes).HasColumnName(Schema.ApiKeys.Scopes).HasMaxLength(200);
        builder.Property(k => k.CreatedAt).HasColumnName(Schema.ApiKeys.CreatedAt);
        builder.Property(k => k.LastUsedAt).HasColumnName(Schema.ApiKeys.LastUsedAt);
        builder.Property(k => k.RevokedAt).HasColumnName(Schema.ApiKeys.RevokedAt);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasIndex(k => k.WorkspaceId);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(k => k.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
