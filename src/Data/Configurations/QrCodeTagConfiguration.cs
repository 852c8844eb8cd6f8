using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;

namespace QrAspire.Data.Configurations;

internal sealed class QrCodeTagConfiguration : IEntityTypeConfiguration<QrCodeTag>
{
    public void Configure(EntityTypeBuilder<QrCodeTag> builder)
    {
        builder.ToTable("qr_code_tags");
        builder.HasKey(t => new { t.QrCodeId, t.Tag });
        builder.Property(t => t.QrCodeId).HasColumnName("qr_code_id").HasMaxLength(32);
        builder.Property(t => t.Tag).HasColumnName("tag").HasMaxLength(50);
        builder.HasIndex(t => t.Tag);
    }
}
