namespace UnionPlatform.HardshipAid.Domain;

/// <summary>What a hardship file keeps (DOMAIN.md §2): the household's signed consent to the income check, proofs of income, the survey's photos.</summary>
public static class HardshipDocuments
{
    public const string OwnerType = "HardshipFile";
    public const string Consent = "Consent";
    public const string IncomeProof = "IncomeProof";
    public const string SurveyPhoto = "SurveyPhoto";

    public static readonly IReadOnlyList<string> Kinds = [Consent, IncomeProof, SurveyPhoto];
}
