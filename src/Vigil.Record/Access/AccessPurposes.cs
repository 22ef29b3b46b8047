namespace Vigil.Record.Access;

/// <summary>Why an access to patient data was allowed.</summary>
public static class AccessPurposes
{
    /// <summary>The patient is in one of the user's care teams.</summary>
    public const string CareTeam = "care-team";

    /// <summary>An active break-glass grant.</summary>
    public const string BreakGlass = "break-glass";

    /// <summary>Reviewing a break-glass grant (its reason is patient data).</summary>
    public const string Review = "break-glass-review";

    /// <summary>The operator of the data folder, at the command line (who holds the keys already).</summary>
    public const string Operator = "operator";
}
