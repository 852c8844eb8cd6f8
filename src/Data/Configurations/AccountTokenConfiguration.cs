using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class AccountTokenConfiguration : IEntityTypeConfiguration<AccountToken>
{
    public void Configure(EntityTypeBuilder<AccountToken> builder)
    {
        builder.ToTable(Schema.AccountTokens.Table);
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName(Schema.AccountTokens.Id).HasMaxLength(32);
        builder.Property(t => t.AccountId).HasColumnName(Schema.AccountTokens.AccountId).HasMaxLength(32);
        builder.Property(t => t.Purpose).HasColumnName(Schema.AccountTokens.Purpose);
        builder.Property(t => t.TokenHash).HasColumnName(Schema.AccountTokens.TokenHash).HasMaxLength(64);
        builder.Property(t => t.CreatedAt).HasColumnName(Schema.AccountTokens.CreatedAt);
        builder.Property(t => t.ExpiresAt).HasColumnName(Schema.AccountTokens.ExpiresAt);
        builder.Property(t => t.UsedAt).HasColumnName(Schema.AccountTokens.UsedAt);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
