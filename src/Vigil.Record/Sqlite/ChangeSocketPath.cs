using System.Security.Cryptography;
using System.Text;

namespace Vigil.Record.Sqlite;

/// <summary>
/// Where the SQLite record's change socket is. Beside the record file, as <c>vigil.db-changes</c>,
/// inside the data folder that only its owner may enter. A Unix socket's path holds at most
/// <see cref="MaxPathBytes"/> bytes; when the record's path is too long for that, the socket is in
/// a new folder of the runtime directory (<c>$XDG_RUNTIME_DIR</c>, else the temporary folder) with
/// a random name and owner-only access, and the file <c>vigil.db-changes-at</c> beside the record
/// names it for the processes that send.
/// </summary>
internal static class ChangeSocketPath
{
    /// <summary>The longest socket path Linux accepts (<c>sun_path</c> is 108 bytes with its terminating NUL).</summary>
    public const int MaxPathBytes = 107;

    /// <summary>The socket beside the record.</summary>
    public static string Beside(string recordPath) => recordPath + "-changes";

    /// <summary>The file that names the socket when it cannot be beside the record.</summary>
    public static string Pointer(string recordPath) => recordPath + "-changes-at";

    /// <summary>Whether a path fits in a socket address.</summary>
    public static bool Fits(string path) => Encoding.UTF8.GetByteCount(path) <= MaxPathBytes;

    /// <summary>A new owner-only folder in the runtime directory for the socket of a record whose path is too long.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static string NewRuntimeFolder()
    {
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } xdg && Directory.Exists(xdg) ? xdg : Path.GetTempPath();
        while (true)
        {
            var folder = Path.Combine(runtime, "vigil-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                return folder;
            }
        }
    }

    /// <summary>Where a process that changed the record sends its notifications: the socket beside it, and the one its pointer names.</summary>
    public static IEnumerable<string> Targets(string recordPath)
    {
        var beside = Beside(recordPath);
        if (Fits(beside))
        {
            yield return beside;
        }

        string? named = null;
        try
        {
            var pointer = Pointer(recordPath);
            if (File.Exists(pointer) && new FileInfo(pointer).Length <= 4096)
            {
                named = File.ReadAllText(pointer).Trim();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        if (named is { Length: > 0 } && named != beside && Fits(named))
        {
            yield return named;
        }
    }
}
