using System.Security.Cryptography;
using System.Text;

namespace Vigil.Record.Sqlite;

/// <summary>
/// Where the SQLite record's change socket is. Not in the data folder: a socket there would make
/// every ordinary copy of the folder (a backup, a restore) fail while a server runs, or after one
/// was killed, since a socket cannot be opened as a file. It is <c>changes</c> in a new folder with
/// a random name and owner-only access in the runtime directory (<c>$XDG_RUNTIME_DIR</c>, else the
/// temporary folder), which also keeps its path within the <see cref="MaxPathBytes"/> a Unix
/// socket's address holds however deep the data folder is. The file <c>vigil.db-changes</c> beside
/// the record (owner-only, in the owner-only data folder) names it for the processes that send.
/// </summary>
internal static class ChangeSocketPath
{
    /// <summary>The longest socket path Linux accepts (<c>sun_path</c> is 108 bytes with its terminating NUL).</summary>
    public const int MaxPathBytes = 107;

    /// <summary>The socket's name in its folder.</summary>
    public const string SocketName = "changes";

    /// <summary>The file beside the record that names the socket.</summary>
    public static string Pointer(string recordPath) => recordPath + "-changes";

    /// <summary>Whether a path fits in a socket address.</summary>
    public static bool Fits(string path) => Encoding.UTF8.GetByteCount(path) <= MaxPathBytes;

    /// <summary>A new owner-only folder in the runtime directory for a record's socket.</summary>
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

    /// <summary>The socket that the file beside the record names, or null if there is none.</summary>
    public static string? Named(string recordPath)
    {
        try
        {
            var pointer = Pointer(recordPath);
            return File.Exists(pointer) && new FileInfo(pointer).Length <= 4096 && File.ReadAllText(pointer).Trim() is { Length: > 0 } named && Fits(named)
                ? named
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
