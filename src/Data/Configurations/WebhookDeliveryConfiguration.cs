using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable(Schema.WebhookDeliveries.Table);
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasColumnName(Schema.WebhookDeliveries.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.EventId).HasColumnName(Schema.WebhookDeliveries.EventId);
        builder.Property(d => d.EndpointId).HasColumnName(Schema.WebhookDeliveries.EndpointId).HasMaxLength(32);
        // Stored by name: readable in SQL, and no number to keep in step with the enum.
        builder.Property(d => d.Status).HasColumnName(Schema.WebhookDeliveries.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Attempts).HasColumnName(Schema.WebhookDeliveries.Attempts);
        builder.Property(d => d.NextAttemptAt).HasColumnName(Schema.WebhookDeliveries.NextAttemptAt);
        builder.Property(d => d.GiveUpAt).HasColumnName(Schema.WebhookDeliveries.GiveUpAt);
        builder.Property(d => d.ResponseStatus).HasColumnName(Schema.WebhookDeliveries.ResponseStatus);
        builder.Property(d => d.DurationMs).HasColumnName(Schema.WebhookDeliveries.DurationMs);
        builder.Property(d => d.ResponseExcerpt).HasColumnName(Schema.WebhookDeliveries.ResponseExcerpt).HasMaxLength(1024);
        builder.Property(d => d.CreatedAt).HasColumnName(Schema.WebhookDeliveries.CreatedAt);
        builder.Property(d => d.LastAttemptAt).HasColumnName(Schema.WebhookDeliveries.LastAttemptAt);
        builder.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // One delivery per event and endpoint: a redelivery reschedules it, so the event id stays the idempotency key.
        builder.HasIndex(d => new { d.EventId, d.EndpointId }).IsUnique();
        // The dispatcher polls for due deliveries; the log lists an endpoint's newest.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.EndpointId, d.Id });
        // The Worker's retention deletes by age.
        builder.HasIndex(d => d.CreatedAt);
    }
}
