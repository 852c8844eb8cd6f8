using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable(Schema.WebhookEndpoints.Table);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName(Schema.WebhookEndpoints.Id).HasMaxLength(32);
        builder.Property(e => e.WorkspaceId).HasColumnName(Schema.WebhookEndpoints.WorkspaceId).HasMaxLength(32);
        builder.Property(e => e.Url).HasColumnName(Schema.WebhookEndpoints.Url).HasMaxLength(2000);
        builder.Property(e => e.Events).HasColumnName(Schema.WebhookEndpoints.Events).HasMaxLength(500);
        builder.Property(e => e.Secret).HasColumnName(Schema.WebhookEndpoints.Secret).HasMaxLength(64);
        builder.Property(e => e.Enabled).HasColumnName(Schema.WebhookEndpoints.Enabled);
        builder.Property(e => e.DisabledReason).HasColumnName(Schema.WebhookEndpoints.DisabledReason).HasMaxLength(16);
        builder.Property(e => e.ConsecutiveFailures).HasColumnName(Schema.WebhookEndpoints.ConsecutiveFailures);
        builder.Property(e => e.FailingSince).HasColumnName(Schema.WebhookEndpoints.FailingSince);
        builder.Property(e => e.CreatedAt).HasColumnName(Schema.WebhookEndpoints.CreatedAt);
        builder.Property(e => e.UpdatedAt).HasColumnName(Schema.WebhookEndpoints.UpdatedAt);
        // Every change in a workspace asks whether an enabled endpoint there wants it.
        builder.HasIndex(e => new { e.WorkspaceId, e.Enabled });
    }
}
