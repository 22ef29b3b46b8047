namespace Vigil.Platform.UseCases;

/// <summary>What a use case did: its result, or why it refused.</summary>
/// <typeparam name="T">What it gives back when done.</typeparam>
/// <param name="Value">The result, when done.</param>
/// <param name="Refusal">Why not, or null when it was done.</param>
public sealed record UseCaseResult<T>(T? Value, Refusal? Refusal)
{
    /// <summary>Whether it was done.</summary>
    public bool IsDone => Refusal is null;

    /// <summary>Done, with its result.</summary>
    public static UseCaseResult<T> Done(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static UseCaseResult<T> Refused(RefusalKind kind, string code, string message) => new(default, new Refusal(kind, code, message));
}
