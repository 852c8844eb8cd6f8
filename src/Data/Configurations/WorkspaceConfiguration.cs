using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.ToTable(Schema.Workspaces.Table);
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasColumnName(Schema.Workspaces.Id).HasMaxLength(32);
        builder.Property(w => w.Name).HasColumnName(Schema.Workspaces.Name).HasMaxLength(100);
        builder.Property(w => w.Personal).HasColumnName(Schema.Workspaces.Personal);
        builder.Property(w => w.CreatedAt).HasColumnName(Schema.Workspaces.CreatedAt);
    }
}
