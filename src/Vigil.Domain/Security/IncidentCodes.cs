using Vigil.Domain.Codes;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Security;

/// <summary>
/// The stable codes of incident kinds and statuses. They are stored with incidents, enter the
/// ledger's leaves and are shown to analysts; never rename one.
/// </summary>
public static class IncidentCodes
{
    /// <summary>The code of <see cref="IncidentStatus.Open"/>.</summary>
    public const string Open = "open";

    /// <summary>The code of <see cref="IncidentStatus.Closed"/>.</summary>
    public const string Closed = "closed";

    /// <summary>The code of a kind: the reason code of the same doubt.</summary>
    public static string Code(this IncidentKind kind) => kind switch
    {
        IncidentKind.Clone => ReasonCodes.Clone,
        IncidentKind.ClockSkew => ReasonCodes.ClockSkew,
        IncidentKind.Drift => ReasonCodes.Drift,
        IncidentKind.LotDrift => ReasonCodes.LotDrift,
        IncidentKind.UnknownFirmware => ReasonCodes.UnknownFirmware,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an incident kind"),
    };

    /// <summary>The code of a status.</summary>
    public static string Code(this IncidentStatus status) => status switch
    {
        IncidentStatus.Open => Open,
        IncidentStatus.Closed => Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not an incident status"),
    };

    /// <summary>The kind of a code, or false if no kind has it.</summary>
    public static bool TryParseKind(string? code, out IncidentKind kind) => StableCodes.TryParse(code, Code, out kind);

    /// <summary>The status of a code, or false if no status has it.</summary>
    public static bool TryParseStatus(string? code, out IncidentStatus status) => StableCodes.TryParse(code, Code, out status);

}
