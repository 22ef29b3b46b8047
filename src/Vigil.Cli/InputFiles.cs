using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Cli;

/// <summary>
/// Files given on the command line, read the same way by every command: a file that is not there exits
/// <see cref="ExitCodes.NotFound"/>, one that cannot be read or is not of the kind asked for exits
/// <see cref="ExitCodes.Usage"/>, each with the path in the message.
/// </summary>
internal static class InputFiles
{
    /// <summary>The text of a file.</summary>
    public static string Text(FileInfo file) => Reading(file, () => File.ReadAllText(file.FullName));

    /// <summary>A certificate in PEM or DER.</summary>
    public static X509Certificate2 Certificate(FileInfo file) => Reading(file, () =>
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(file.FullName);
        }
        catch (CryptographicException)
        {
            throw new InputFileException($"{file.FullName} is not a certificate (PEM or DER).", ExitCodes.Usage);
        }
    });

    private static T Reading<T>(FileInfo file, Func<T> read)
    {
        if (Directory.Exists(file.FullName))
        {
            throw new InputFileException($"{file.FullName} is a folder, not a file.", ExitCodes.Usage);
        }

        if (!File.Exists(file.FullName))
        {
            throw new InputFileException($"no such file: {file.FullName}.", ExitCodes.NotFound);
        }

        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException($"{file.FullName} cannot be read: {e.Message}", ExitCodes.Usage);
        }
    }
}

/// <summary>A file given on the command line that is missing, unreadable or not of its kind.</summary>
/// <param name="message">What is wrong, with the path.</param>
/// <param name="exitCode">What the command exits with.</param>
internal sealed class InputFileException(string message, int exitCode) : Exception(message)
{
    /// <summary>What the command exits with.</summary>
    public int ExitCode { get; } = exitCode;
}
