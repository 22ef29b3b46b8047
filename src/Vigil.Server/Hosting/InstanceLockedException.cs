namespace Vigil.Server.Hosting;

/// <summary>Another Vigil server holds the data folder.</summary>
public sealed class InstanceLockedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public InstanceLockedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InstanceLockedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InstanceLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
