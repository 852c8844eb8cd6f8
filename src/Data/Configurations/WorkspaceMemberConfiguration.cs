using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class WorkspaceMemberConfiguration : IEntityTypeConfiguration<WorkspaceMember>
{
    public void Configure(EntityTypeBuilder<WorkspaceMember> builder)
    {
        builder.ToTable(Schema.WorkspaceMembers.Table);
        // (workspace, account) first: the one lookup each request naming a shared workspace makes.
        builder.HasKey(m => new { m.WorkspaceId, m.AccountId });
        builder.Property(m => m.WorkspaceId).HasColumnName(Schema.WorkspaceMembers.WorkspaceId).HasMaxLength(32);
        builder.Property(m => m.AccountId).HasColumnName(Schema.WorkspaceMembers.AccountId).HasMaxLength(32);
        builder.Property(m => m.Role).HasColumnName(Schema.WorkspaceMembers.Role).HasMaxLength(16);
        builder.Property(m => m.JoinedAt).HasColumnName(Schema.WorkspaceMembers.JoinedAt);
        builder.HasIndex(m => m.AccountId);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
