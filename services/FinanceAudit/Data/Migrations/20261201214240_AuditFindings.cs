using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnionPlatform.FinanceAudit.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditFindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "audit_finding_id",
                table: "payments",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_findings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    severity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    rule_source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owning_service = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    payment_request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    district_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    resolution = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    resolution_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_findings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_audit_finding_id",
                table: "payments",
                column: "audit_finding_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_payee_member_id_purpose_requested_at",
                table: "payments",
                columns: new[] { "payee_member_id", "purpose", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_findings_district_id_state",
                table: "audit_findings",
                columns: new[] { "district_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_findings_payment_request_id",
                table: "audit_findings",
                column: "payment_request_id");

            migrationBuilder.AddForeignKey(
                name: "fk_payments_audit_findings_audit_finding_id",
                table: "payments",
                column: "audit_finding_id",
                principalTable: "audit_findings",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_payments_audit_findings_audit_finding_id",
                table: "payments");

            migrationBuilder.DropTable(
                name: "audit_findings");

            migrationBuilder.DropIndex(
                name: "ix_payments_audit_finding_id",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_payments_payee_member_id_purpose_requested_at",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "audit_finding_id",
                table: "payments");
        }
    }
}
