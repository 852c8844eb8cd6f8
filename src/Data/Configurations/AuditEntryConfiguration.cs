using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable(Schema.AuditEntries.Table);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName(Schema.AuditEntries.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.WorkspaceId).HasColumnName(Schema.AuditEntries.WorkspaceId).HasMaxLength(32);
        builder.Property(e => e.ActorKind).HasColumnName(Schema.AuditEntries.ActorKind).HasMaxLength(16);
        builder.Property(e => e.ActorId).HasColumnName(Schema.AuditEntries.ActorId).HasMaxLength(32);
        builder.Property(e => e.ApiKeyId).HasColumnName(Schema.AuditEntries.ApiKeyId).HasMaxLength(32);
        builder.Property(e => e.Action).HasColumnName(Schema.AuditEntries.Action).HasMaxLength(64);
        builder.Property(e => e.TargetType).HasColumnName(Schema.AuditEntries.TargetType).HasMaxLength(32);
        builder.Property(e => e.TargetId).HasColumnName(Schema.AuditEntries.TargetId).HasMaxLength(64);
        builder.Property(e => e.Changes).HasColumnName(Schema.AuditEntries.Changes);
        builder.Property(e => e.ClientAddress).HasColumnName(Schema.AuditEntries.ClientAddress).HasMaxLength(45);
        builder.Property(e => e.ClientNetwork).HasColumnName(Schema.AuditEntries.ClientNetwork).HasMaxLength(49);
        builder.Property(e => e.OccurredAt).HasColumnName(Schema.AuditEntries.OccurredAt);
        // Every read is one workspace's entries, newest first (the id), optionally narrowed by action or target.
        builder.HasIndex(e => new { e.WorkspaceId, e.Id });
        builder.HasIndex(e => new { e.WorkspaceId, e.TargetId, e.Id });
        // "Has this account signed in from this network lately?" is one seek; only sign-in entries have a network.
        builder.HasIndex(e => new { e.WorkspaceId, e.ClientNetwork, e.OccurredAt }).HasFilter($"{Schema.AuditEntries.ClientNetwork} IS NOT NULL");
        // The retention job deletes by time.
        builder.HasIndex(e => e.OccurredAt);
    }
}
