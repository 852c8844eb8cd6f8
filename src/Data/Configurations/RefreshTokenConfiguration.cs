using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable(Schema.RefreshTokens.Table);
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName(Schema.RefreshTokens.Id).HasMaxLength(32);
        builder.Property(t => t.AccountId).HasColumnName(Schema.RefreshTokens.AccountId).HasMaxLength(32);
        builder.Property(t => t.FamilyId).HasColumnName(Schema.RefreshTokens.FamilyId).HasMaxLength(32);
        builder.Property(t => t.TokenHash).HasColumnName(Schema.RefreshTokens.TokenHash).HasMaxLength(64);
        builder.Property(t => t.CreatedAt).HasColumnName(Schema.RefreshTokens.CreatedAt);
        builder.Property(t => t.ExpiresAt).HasColumnName(Schema.RefreshTokens.ExpiresAt);
        builder.Property(t => t.UsedAt).HasColumnName(Schema.RefreshTokens.UsedAt);
        builder.Property(t => t.RevokedAt).HasColumnName(Schema.RefreshTokens.RevokedAt);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.FamilyId);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
