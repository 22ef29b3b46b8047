namespace Vigil.Identity.Keys;

/// <summary>Writes secret files so that they are never readable by anyone but their owner, not even briefly.</summary>
internal static class KeyFile
{
    /// <summary>Creates a file with mode 0600 and writes the text; fails if the file exists.</summary>
    public static void WriteNew(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }
}
