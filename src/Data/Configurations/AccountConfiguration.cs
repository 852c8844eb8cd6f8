using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;

namespace QrAspire.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id").HasMaxLength(32);
        builder.Property(a => a.Email).HasColumnName("email").HasMaxLength(320);
        builder.Property(a => a.NormalizedEmail).HasColumnName("normalized_email").HasMaxLength(320);
        builder.Property(a => a.PasswordHash).HasColumnName("password_hash").HasMaxLength(256);
        builder.Property(a => a.EmailVerifiedAt).HasColumnName("email_verified_at");
        builder.Property(a => a.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(a => a.NormalizedEmail).IsUnique();
    }
}
