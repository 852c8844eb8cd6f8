using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable(Schema.Accounts.Table);
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName(Schema.Accounts.Id).HasMaxLength(32);
        builder.Property(a => a.Email).HasColumnName(Schema.Accounts.Email).HasMaxLength(320);
        builder.Property(a => a.NormalizedEmail).HasColumnName(Schema.Accounts.NormalizedEmail).HasMaxLength(320);
        builder.Property(a => a.PasswordHash).HasColumnName(Schema.Accounts.PasswordHash).HasMaxLength(256);
        builder.Property(a => a.EmailVerifiedAt).HasColumnName(Schema.Accounts.EmailVerifiedAt);
        builder.Property(a => a.CreatedAt).HasColumnName(Schema.Accounts.CreatedAt);
        builder.Property(a => a.CredentialsRevokedAt).HasColumnName(Schema.Accounts.CredentialsRevokedAt);
        builder.HasIndex(a => a.NormalizedEmail).IsUnique();
    }
}
