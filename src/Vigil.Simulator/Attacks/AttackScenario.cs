namespace Vigil.Simulator.Attacks;

/// <summary>
/// One scripted attack of the threat catalogue against a running Vigil: it admits its own
/// patient and devices, lays down a genuine history, performs the attack, and waits (with a
/// bound) for the evidence that Vigil must produce.
/// </summary>
public abstract class AttackScenario
{
    /// <summary>The threat id and a short name, e.g. <c>T06-flatline</c>.</summary>
    public abstract string Id { get; }

    /// <summary>What the attacker does.</summary>
    public abstract string Title { get; }

    /// <summary>What Vigil must do about it.</summary>
    public abstract string Expectation { get; }

    /// <summary>Performs the attack and reports whether it was detected.</summary>
    public abstract Task<AttackOutcome> RunAsync(AttackSession session);
}
