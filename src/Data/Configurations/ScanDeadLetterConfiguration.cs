using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;

namespace QrAspire.Data.Configurations;

// No foreign key: the Worker bulk-writes it.
internal sealed class ScanDeadLetterConfiguration : IEntityTypeConfiguration<ScanDeadLetter>
{
    public void Configure(EntityTypeBuilder<ScanDeadLetter> builder)
    {
        builder.ToTable("scan_dead_letters");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasColumnName("id").HasMaxLength(32);
        builder.Property(l => l.Payload).HasColumnName("payload");
        builder.Property(l => l.Reason).HasColumnName("reason").HasMaxLength(1000);
        builder.Property(l => l.FailedAt).HasColumnName("failed_at");
        builder.HasIndex(l => l.FailedAt);
    }
}
