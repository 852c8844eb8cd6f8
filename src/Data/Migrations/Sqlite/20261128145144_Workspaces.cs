using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrAspire.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Workspaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_api_keys_accounts_account_id",
                table: "api_keys");

            migrationBuilder.DropForeignKey(
                name: "FK_batches_accounts_owner_id",
                table: "batches");

            migrationBuilder.DropForeignKey(
                name: "FK_brand_kits_accounts_account_id",
                table: "brand_kits");

            migrationBuilder.DropForeignKey(
                name: "FK_domains_accounts_account_id",
                table: "domains");

            migrationBuilder.DropForeignKey(
                name: "FK_logos_accounts_account_id",
                table: "logos");

            migrationBuilder.DropForeignKey(
                name: "FK_qr_codes_accounts_owner_id",
                table: "qr_codes");

            migrationBuilder.RenameColumn(
                name: "owner_id",
                table: "qr_codes",
                newName: "workspace_id");

            migrationBuilder.RenameIndex(
                name: "IX_qr_codes_owner_id_created_at_id",
                table: "qr_codes",
                newName: "IX_qr_codes_workspace_id_created_at_id");

            migrationBuilder.RenameColumn(
                name: "account_id",
                table: "logos",
                newName: "workspace_id");

            migrationBuilder.RenameIndex(
                name: "IX_logos_account_id",
                table: "logos",
                newName: "IX_logos_workspace_id");

            migrationBuilder.RenameColumn(
                name: "account_id",
                table: "domains",
                newName: "workspace_id");

            migrationBuilder.RenameIndex(
                name: "IX_domains_account_id_name",
                table: "domains",
                newName: "IX_domains_workspace_id_name");

            migrationBuilder.RenameColumn(
                name: "account_id",
                table: "brand_kits",
                newName: "workspace_id");

            migrationBuilder.RenameIndex(
                name: "IX_brand_kits_account_id_name",
                table: "brand_kits",
                newName: "IX_brand_kits_workspace_id_name");

            migrationBuilder.RenameColumn(
                name: "owner_id",
                table: "batches",
                newName: "workspace_id");

            migrationBuilder.RenameIndex(
                name: "IX_batches_owner_id_created_at_id",
                table: "batches",
                newName: "IX_batches_workspace_id_created_at_id");

            migrationBuilder.RenameColumn(
                name: "account_id",
                table: "api_keys",
                newName: "workspace_id");

            migrationBuilder.RenameIndex(
                name: "IX_api_keys_account_id",
                table: "api_keys",
                newName: "IX_api_keys_workspace_id");

            migrationBuilder.AddColumn<string>(
                name: "created_by",
                table: "api_keys",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "workspaces",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    personal = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workspaces", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workspace_invitations",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    invited_by = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    accepted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workspace_invitations", x => x.id);
                    table.ForeignKey(
                        name: "FK_workspace_invitations_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workspace_members",
                columns: table => new
                {
                    workspace_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    account_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    joined_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workspace_members", x => new { x.workspace_id, x.account_id });
                    table.ForeignKey(
                        name: "FK_workspace_members_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_workspace_members_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every existing account gets its personal workspace, with the account's own id so the rows it owns
            // (now keyed by workspace_id) need no rewrite, and owns it; its API keys were created by it.
            migrationBuilder.Sql("INSERT INTO workspaces (id, name, personal, created_at) SELECT id, 'Personal', 1, created_at FROM accounts;");
            migrationBuilder.Sql("INSERT INTO workspace_members (workspace_id, account_id, role, joined_at) SELECT id, id, 'owner', created_at FROM accounts;");
            migrationBuilder.Sql("UPDATE api_keys SET created_by = workspace_id;");

            migrationBuilder.CreateIndex(
                name: "IX_workspace_invitations_token_hash",
                table: "workspace_invitations",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_workspace_invitations_workspace_id_created_at",
                table: "workspace_invitations",
                columns: new[] { "workspace_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_workspace_members_account_id",
                table: "workspace_members",
                column: "account_id");

            migrationBuilder.AddForeignKey(
                name: "FK_api_keys_workspaces_workspace_id",
                table: "api_keys",
                column: "workspace_id",
                principalTable: "workspaces",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_batches_workspaces_workspace_id",
                table: "batches",
                column: "workspace_id",
                principalTable: "workspaces",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_brand_kits_workspaces_workspace_id",
                table: "brand_kits",
                column: "workspace_id",
                principalTable: "workspaces",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_domains_workspaces_workspace_id",
                table: "domains",
                column: "workspace_id",
                principalTable: "workspaces",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_logos_workspaces_workspace_id",
                table: "logos",
                column: "workspace_id",
                principalTable: "workspaces",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_api_keys_workspaces_workspace_id",
                table: "api_keys");

            migrationBuilder.DropForeignKey(
                name: "FK_batches_workspaces_workspace_id",
                table: "batches");

            migrationBuilder.DropForeignKey(
                name: "FK_brand_kits_workspaces_workspace_id",
                table: "brand_kits");

            migrationBuilder.DropForeignKey(
                name: "FK_domains_workspaces_workspace_id",
                table: "domains");

            migrationBuilder.DropForeignKey(
                name: "FK_logos_workspaces_workspace_id",
                table: "logos");

            migrationBuilder.DropTable(
                name: "workspace_invitations");

            migrationBuilder.DropTable(
                name: "workspace_members");

            migrationBuilder.DropTable(
                name: "workspaces");

            migrationBuilder.DropColumn(
                name: "created_by",
                table: "api_keys");

            migrationBuilder.RenameColumn(
                name: "workspace_id",
                table: "qr_codes",
                newName: "owner_id");

            migrationBuilder.RenameIndex(
                name: "IX_qr_codes_workspace_id_created_at_id",
                table: "qr_codes",
                newName: "IX_qr_codes_owner_id_created_at_id");

            migrationBuilder.RenameColumn(
                name: "workspace_id",
                table: "logos",
                newName: "account_id");

            migrationBuilder.RenameIndex(
                name: "IX_logos_workspace_id",
                table: "logos",
                newName: "IX_logos_account_id");

            migrationBuilder.RenameColumn(
                name: "workspace_id",
                table: "domains",
                newName: "account_id");

            migrationBuilder.RenameIndex(
                name: "IX_domains_workspace_id_name",
                table: "domains",
                newName: "IX_domains_account_id_name");

            migrationBuilder.RenameColumn(
                name: "workspace_id",
                table: "brand_kits",
                newName: "account_id");

            migrationBuilder.RenameIndex(
                name: "IX_brand_kits_workspace_id_name",
                table: "brand_kits",
                newName: "IX_brand_kits_account_id_name");

            migrationBuilder.RenameColumn(
                name: "workspace_id",
                table: "batches",
                newName: "owner_id");

            migrationBuilder.RenameIndex(
                name: "IX_batches_workspace_id_created_at_id",
                table: "batches",
                newName: "IX_batches_owner_id_created_at_id");

            migrationBuilder.RenameColumn(
                name: "workspace_id",
                table: "api_keys",
                newName: "account_id");

            migrationBuilder.RenameIndex(
                name: "IX_api_keys_workspace_id",
                table: "api_keys",
                newName: "IX_api_keys_account_id");

            migrationBuilder.AddForeignKey(
                name: "FK_api_keys_accounts_account_id",
                table: "api_keys",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_batches_accounts_owner_id",
                table: "batches",
                column: "owner_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_brand_kits_accounts_account_id",
                table: "brand_kits",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_domains_accounts_account_id",
                table: "domains",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_logos_accounts_account_id",
                table: "logos",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_qr_codes_accounts_owner_id",
                table: "qr_codes",
                column: "owner_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
