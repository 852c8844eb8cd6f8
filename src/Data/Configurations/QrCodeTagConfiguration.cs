using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class QrCodeTagConfiguration : IEntityTypeConfiguration<QrCodeTag>
{
    public void Configure(EntityTypeBuilder<QrCodeTag> builder)
    {
        builder.ToTable(Schema.QrCodeTags.Table);
        builder.HasKey(t => new { t.QrCodeId, t.Tag });
        builder.Property(t => t.QrCodeId).HasColumnName(Schema.QrCodeTags.QrCodeId).HasMaxLength(32);
        builder.Property(t => t.Tag).HasColumnName(Schema.QrCodeTags.Tag).HasMaxLength(50);
        builder.HasIndex(t => t.Tag);
    }
}
