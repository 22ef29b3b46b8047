namespace Vigil.Simulator.Attacks;

/// <summary>
/// One scripted attack of the threat catalogue against a running Vigil: it admits its own
/// patient and devices, lays down a genuine history, performs the attack, and waits (with a
/// bound) for the evidence that Vigil must produce.
/// </summary>
/// <param name="id">The threat id and a short name, e.g. <c>T06-flatline</c>.</param>
/// <param name="title">What the attacker does.</param>
/// <param name="expectation">What Vigil must do about it.</param>
public abstract class AttackScenario(string id, string title, string expectation)
{
    /// <summary>The threat id and a short name, e.g. <c>T06-flatline</c>.</summary>
    public string Id { get; } = id;

    /// <summary>What the attacker does.</summary>
    public string Title { get; } = title;

    /// <summary>What Vigil must do about it.</summary>
    public string Expectation { get; } = expectation;

    /// <summary>Performs the attack and reports whether it was detected.</summary>
    public abstract Task<AttackOutcome> RunAsync(AttackSession session);
}
