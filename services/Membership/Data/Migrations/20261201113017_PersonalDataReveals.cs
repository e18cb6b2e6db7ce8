using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnionPlatform.Membership.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataReveals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "personal_data_reveals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    revealed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    revealed_by_district = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    revealed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_personal_data_reveals", x => x.id);
                    table.ForeignKey(
                        name: "fk_personal_data_reveals_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_personal_data_reveals_member_id_revealed_at",
                table: "personal_data_reveals",
                columns: new[] { "member_id", "revealed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "personal_data_reveals");
        }
    }
}
