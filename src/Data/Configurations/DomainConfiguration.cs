using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Data.Configurations;

internal sealed class DomainConfiguration : IEntityTypeConfiguration<Domain>
{
    public void Configure(EntityTypeBuilder<Domain> builder)
    {
        builder.ToTable(Schema.Domains.Table);
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasColumnName(Schema.Domains.Id).HasMaxLength(32);
        builder.Property(d => d.WorkspaceId).HasColumnName(Schema.Domains.WorkspaceId).HasMaxLength(32);
        builder.Property(d => d.Name).HasColumnName(Schema.Domains.Name).HasMaxLength(253);
        builder.Property(d => d.Token).HasColumnName(Schema.Domains.Token).HasMaxLength(64);
        builder.Property(d => d.CreatedAt).HasColumnName(Schema.Domains.CreatedAt);
        builder.Property(d => d.VerifiedAt).HasColumnName(Schema.Domains.VerifiedAt);
        builder.Property(d => d.CheckedAt).HasColumnName(Schema.Domains.CheckedAt);
        builder.Property(d => d.DeletedAt).HasColumnName(Schema.Domains.DeletedAt);
        // One live verified owner per name: a second account can claim a name only while nobody has verified it.
        builder.HasIndex(d => d.Name, "ix_domains_name_verified").IsUnique()
            .HasFilter($"{Schema.Domains.VerifiedAt} IS NOT NULL AND {Schema.Domains.DeletedAt} IS NULL");
        // One live claim per account and name.
        builder.HasIndex(d => new { d.WorkspaceId, d.Name }).IsUnique().HasFilter($"{Schema.Domains.DeletedAt} IS NULL");
        builder.HasOne<Workspace>().WithMany().HasForeignKey(d => d.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
