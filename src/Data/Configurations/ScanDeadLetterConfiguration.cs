using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

// No foreign key: the Worker bulk-writes it.
internal sealed class ScanDeadLetterConfiguration : IEntityTypeConfiguration<ScanDeadLetter>
{
    public void Configure(EntityTypeBuilder<ScanDeadLetter> builder)
    {
        builder.ToTable(Schema.ScanDeadLetters.Table);
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasColumnName(Schema.ScanDeadLetters.Id).HasMaxLength(32);
        builder.Property(l => l.Payload).HasColumnName(Schema.ScanDeadLetters.Payload);
        builder.Property(l => l.Reason).HasColumnName(Schema.ScanDeadLetters.Reason).HasMaxLength(1000);
        builder.Property(l => l.FailedAt).HasColumnName(Schema.ScanDeadLetters.FailedAt);
        builder.HasIndex(l => l.FailedAt);
    }
}
