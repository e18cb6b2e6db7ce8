using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnionPlatform.Membership.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataAtRest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_members_national_id",
                table: "members");

            migrationBuilder.AlterColumn<string>(
                name: "phone",
                table: "members",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);

            migrationBuilder.AlterColumn<string>(
                name: "national_id",
                table: "members",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(18)",
                oldFixedLength: true,
                oldMaxLength: 18);

            // Rows written before this migration hold plain values: each gets a unique placeholder hash (its id, 16 bytes,
            // never a 32-byte HMAC) so the column is NOT NULL and unique at once; PersonalDataBackfill, which runs
            // right after the migrations, encrypts those rows and writes their real hashes before anything is served.
            migrationBuilder.AddColumn<byte[]>(
                name: "national_id_hash",
                table: "members",
                type: "bytea",
                nullable: true);
            migrationBuilder.Sql("UPDATE members SET national_id_hash = uuid_send(id)");
            migrationBuilder.AlterColumn<byte[]>(
                name: "national_id_hash",
                table: "members",
                type: "bytea",
                nullable: false,
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_members_national_id",
                table: "members",
                column: "national_id_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            // The columns hold ciphertext: SQL cannot turn them back into plain values (and should not).
            throw new NotSupportedException("PersonalDataAtRest cannot be reverted.");
    }
}
