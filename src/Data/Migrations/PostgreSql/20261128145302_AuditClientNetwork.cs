using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrAspire.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AuditClientNetwork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "client_network",
                table: "audit_entries",
                type: "character varying(49)",
                maxLength: 49,
                nullable: true);

            // Sign-in entries written before this column carry their network in changes ({"network": "…/24"}).
            // Literal names: a migration is frozen as written, whatever the schema class says later.
            migrationBuilder.Sql("""
                UPDATE audit_entries SET client_network = changes::jsonb ->> 'network'
                WHERE action = 'account.signed_in_new_address' AND changes IS NOT NULL
                """);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_workspace_id_client_network_occurred_at",
                table: "audit_entries",
                columns: new[] { "workspace_id", "client_network", "occurred_at" },
                filter: "client_network IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_workspace_id_client_network_occurred_at",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "client_network",
                table: "audit_entries");
        }
    }
}
