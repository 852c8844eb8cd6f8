using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> builder)
    {
        builder.ToTable(Schema.EmailOutbox.Table);
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName(Schema.EmailOutbox.Id).HasMaxLength(32);
        builder.Property(m => m.To).HasColumnName(Schema.EmailOutbox.ToAddress).HasMaxLength(320);
        builder.Property(m => m.Template).HasColumnName(Schema.EmailOutbox.Template).HasMaxLength(50);
        builder.Property(m => m.Data).HasColumnName(Schema.EmailOutbox.Data);
        builder.Property(m => m.CreatedAt).HasColumnName(Schema.EmailOutbox.CreatedAt);
        builder.Property(m => m.SentAt).HasColumnName(Schema.EmailOutbox.SentAt);
        builder.Property(m => m.Attempts).HasColumnName(Schema.EmailOutbox.Attempts);
        builder.Property(m => m.NextAttemptAt).HasColumnName(Schema.EmailOutbox.NextAttemptAt);
        builder.Property(m => m.LastError).HasColumnName(Schema.EmailOutbox.LastError).HasMaxLength(1000);
        // The Worker polls for unsent mail in order.
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}
