using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnionPlatform.FinanceAudit.Data.Migrations
{
    /// <inheritdoc />
    public partial class HashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "chain_head",
                table: "ledgers",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<long>(
                name: "chain_length",
                table: "ledgers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "ledgers",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<byte[]>(
                name: "chain_hash",
                table: "ledger_transactions",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<byte[]>(
                name: "previous_hash",
                table: "ledger_transactions",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                table: "ledger_transactions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_organisation_id_sequence",
                table: "ledger_transactions",
                columns: new[] { "organisation_id", "sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_transactions_organisation_id_sequence",
                table: "ledger_transactions");

            migrationBuilder.DropColumn(
                name: "chain_head",
                table: "ledgers");

            migrationBuilder.DropColumn(
                name: "chain_length",
                table: "ledgers");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "ledgers");

            migrationBuilder.DropColumn(
                name: "chain_hash",
                table: "ledger_transactions");

            migrationBuilder.DropColumn(
                name: "previous_hash",
                table: "ledger_transactions");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "ledger_transactions");
        }
    }
}
