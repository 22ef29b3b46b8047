namespace Vigil.Platform.UseCases;

/// <summary>What a use case that gives nothing back did: done, or refused.</summary>
/// <param name="Refusal">Why not, or null when it was done.</param>
public sealed record UseCaseResult(Refusal? Refusal)
{
    /// <summary>Done.</summary>
    public static UseCaseResult Done { get; } = new((Refusal?)null);

    /// <summary>Whether it was done.</summary>
    public bool IsDone => Refusal is null;

    /// <summary>A refusal.</summary>
    public static UseCaseResult Refused(RefusalKind kind, string code, string message) => new(new Refusal(kind, code, message));
}
