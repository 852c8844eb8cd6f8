using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrAspire.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BrandedDomains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_qr_codes_short_code",
                table: "qr_codes");

            migrationBuilder.AddColumn<string>(
                name: "domain_id",
                table: "qr_codes",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "domains",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    account_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    verified_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    checked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_domains", x => x.id);
                    table.ForeignKey(
                        name: "FK_domains_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_qr_codes_domain_id_short_code",
                table: "qr_codes",
                columns: new[] { "domain_id", "short_code" },
                unique: true,
                filter: "domain_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_qr_codes_short_code",
                table: "qr_codes",
                column: "short_code",
                unique: true,
                filter: "domain_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_domains_account_id_name",
                table: "domains",
                columns: new[] { "account_id", "name" },
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_domains_name_verified",
                table: "domains",
                column: "name",
                unique: true,
                filter: "verified_at IS NOT NULL AND deleted_at IS NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_qr_codes_domains_domain_id",
                table: "qr_codes",
                column: "domain_id",
                principalTable: "domains",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_qr_codes_domains_domain_id",
                table: "qr_codes");

            migrationBuilder.DropTable(
                name: "domains");

            migrationBuilder.DropIndex(
                name: "ix_qr_codes_domain_id_short_code",
                table: "qr_codes");

            migrationBuilder.DropIndex(
                name: "IX_qr_codes_short_code",
                table: "qr_codes");

            migrationBuilder.DropColumn(
                name: "domain_id",
                table: "qr_codes");

            migrationBuilder.CreateIndex(
                name: "IX_qr_codes_short_code",
                table: "qr_codes",
                column: "short_code",
                unique: true);
        }
    }
}
