namespace Vigil.Cli;

/// <summary>What <c>vigil</c> exits with (README, "Exit codes").</summary>
internal static class ExitCodes
{
    /// <summary>It did what was asked.</summary>
    public const int Success = 0;

    /// <summary>A failure, said on the console (or a demo step that did not turn out as required).</summary>
    public const int Failure = 1;

    /// <summary>A usage error, or a missing prerequisite such as <c>vigil init</c>.</summary>
    public const int Usage = 2;

    /// <summary>The thing to create already exists, or the change is not allowed.</summary>
    public const int NotAllowed = 3;

    /// <summary>Another server holds the data folder.</summary>
    public const int FolderHeld = 4;

    /// <summary>The thing named (a device, patient, alert, user, file...) was not found.</summary>
    public const int NotFound = 5;

    /// <summary>A key could not be opened: a wrong passphrase or key, or a key store out of reach.</summary>
    public const int KeyUnavailable = 6;
}
