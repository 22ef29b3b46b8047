namespace Vigil.Simulator.Attacks;

/// <summary>A scenario could not lay down its genuine part (the platform is down, or refused what it must take).</summary>
public sealed class AttackSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AttackSetupException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AttackSetupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public AttackSetupException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
