using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class WorkspaceInvitationConfiguration : IEntityTypeConfiguration<WorkspaceInvitation>
{
    public void Configure(EntityTypeBuilder<WorkspaceInvitation> builder)
    {
        builder.ToTable(Schema.WorkspaceInvitations.Table);
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasColumnName(Schema.WorkspaceInvitations.Id).HasMaxLength(32);
        builder.Property(i => i.WorkspaceId).HasColumnName(Schema.WorkspaceInvitations.WorkspaceId).HasMaxLength(32);
        builder.Property(i => i.Email).HasColumnName(Schema.WorkspaceInvitations.Email).HasMaxLength(320);
        builder.Property(i => i.NormalizedEmail).HasColumnName(Schema.WorkspaceInvitations.NormalizedEmail).HasMaxLength(320);
        builder.Property(i => i.Role).HasColumnName(Schema.WorkspaceInvitations.Role).HasMaxLength(16);
        builder.Property(i => i.TokenHash).HasColumnName(Schema.WorkspaceInvitations.TokenHash).HasMaxLength(64);
        builder.Property(i => i.InvitedBy).HasColumnName(Schema.WorkspaceInvitations.InvitedBy).HasMaxLength(32);
        builder.Property(i => i.CreatedAt).HasColumnName(Schema.WorkspaceInvitations.CreatedAt);
        builder.Property(i => i.ExpiresAt).HasColumnName(Schema.WorkspaceInvitations.ExpiresAt);
        builder.Property(i => i.AcceptedAt).HasColumnName(Schema.WorkspaceInvitations.AcceptedAt);
        builder.Property(i => i.RevokedAt).HasColumnName(Schema.WorkspaceInvitations.RevokedAt);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.WorkspaceId, i.CreatedAt });
        builder.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
