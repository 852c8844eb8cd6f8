using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable(Schema.WebhookEvents.Table);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName(Schema.WebhookEvents.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.WorkspaceId).HasColumnName(Schema.WebhookEvents.WorkspaceId).HasMaxLength(32);
        builder.Property(e => e.Type).HasColumnName(Schema.WebhookEvents.Type).HasMaxLength(50);
        builder.Property(e => e.Payload).HasColumnName(Schema.WebhookEvents.Payload);
        builder.Property(e => e.CreatedAt).HasColumnName(Schema.WebhookEvents.CreatedAt);
        // The Worker's retention deletes by age.
        builder.HasIndex(e => e.CreatedAt);
    }
}
