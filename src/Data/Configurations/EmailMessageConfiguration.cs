using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;

namespace QrAspire.Data.Configurations;

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> builder)
    {
        builder.ToTable("email_outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id").HasMaxLength(32);
        builder.Property(m => m.To).HasColumnName("to_address").HasMaxLength(320);
        builder.Property(m => m.Template).HasColumnName("template").HasMaxLength(50);
        builder.Property(m => m.Data).HasColumnName("data");
        builder.Property(m => m.CreatedAt).HasColumnName("created_at");
        builder.Property(m => m.SentAt).HasColumnName("sent_at");
        builder.Property(m => m.Attempts).HasColumnName("attempts");
        builder.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(1000);
        // The Worker polls for unsent mail in order.
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}
