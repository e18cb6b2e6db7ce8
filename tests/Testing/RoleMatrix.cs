using System.Net;
using UnionPlatform.ServiceDefaults.Security;
using Xunit;

namespace UnionPlatform.Testing;

/// <summary>
/// The platform's access rule, as test data every service checks itself against: for a record of gulou,
/// each role and district claim with the status a read and a write must get.
/// </summary>
public static class RoleMatrix
{
    public const string RecordDistrict = "gulou";
    public const string OtherDistrict = "jiangbei";

    public static TheoryData<string, string?, HttpStatusCode, HttpStatusCode> Cases => new()
    {
        // role, district claim, read, write
        { UnionRoles.CityAdmin, null, HttpStatusCode.OK, HttpStatusCode.OK },
        { UnionRoles.DistrictStaff, RecordDistrict, HttpStatusCode.OK, HttpStatusCode.OK },
        { UnionRoles.DistrictStaff, OtherDistrict, HttpStatusCode.NotFound, HttpStatusCode.NotFound },
        { UnionRoles.DistrictStaff, null, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { UnionRoles.Auditor, null, HttpStatusCode.OK, HttpStatusCode.Forbidden },
        { UnionRoles.Agency, null, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
    };
}
