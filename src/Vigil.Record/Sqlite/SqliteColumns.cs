using System.Runtime.InteropServices;
using SQLitePCL;

namespace Vigil.Record.Sqlite;

/// <summary>
/// SQLite's column reads, called through pointers to the functions of the very library
/// SQLitePCL loaded. SQLitePCL passes each statement as a safe handle, whose reference count is
/// taken and released around every call: about a tenth of the audit's time, for calls that only
/// read fields of a row. The pointers are used only when the library they come from is proved
/// to be the one SQLitePCL uses (the same version string at the same address), never a second
/// copy of SQLite, whose locks would not see the first one's.
/// </summary>
internal sealed unsafe class SqliteColumns
{
    private readonly delegate* unmanaged[SuppressGCTransition]<nint, int, long> _int64;
    private readonly delegate* unmanaged[SuppressGCTransition]<nint, int, int> _type;
    private readonly delegate* unmanaged[SuppressGCTransition]<nint, int, nint> _blob;
    private readonly delegate* unmanaged[SuppressGCTransition]<nint, int, int> _bytes;

    private SqliteColumns(nint library)
    {
        _int64 = (delegate* unmanaged[SuppressGCTransition]<nint, int, long>)NativeLibrary.GetExport(library, "sqlite3_column_int64");
        _type = (delegate* unmanaged[SuppressGCTransition]<nint, int, int>)NativeLibrary.GetExport(library, "sqlite3_column_type");
        _blob = (delegate* unmanaged[SuppressGCTransition]<nint, int, nint>)NativeLibrary.GetExport(library, "sqlite3_column_blob");
        _bytes = (delegate* unmanaged[SuppressGCTransition]<nint, int, int>)NativeLibrary.GetExport(library, "sqlite3_column_bytes");
    }

    /// <summary>The direct reads, or null where SQLitePCL's library cannot be shown to be the one found here.</summary>
    public static SqliteColumns? TryCreate()
    {
        try
        {
            var assembly = raw.GetNativeLibraryName() == "e_sqlite3" ? typeof(SQLite3Provider_e_sqlite3).Assembly : null;
            if (assembly is null || !NativeLibrary.TryLoad("e_sqlite3", assembly, null, out var library)
                || !NativeLibrary.TryGetExport(library, "sqlite3_libversion", out var libversion))
            {
                return null;
            }

            var ours = ((delegate* unmanaged<nint>)libversion)();
            var theirs = raw.sqlite3_libversion();
            fixed (byte* version = theirs)
            {
                return ours == (nint)version ? new SqliteColumns(library) : null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    public long Int64(nint statement, int column) => _int64(statement, column);

    public int Type(nint statement, int column) => _type(statement, column);

    /// <summary>A blob (or text, as its UTF-8 bytes) in place, valid until the next step.</summary>
    public ReadOnlySpan<byte> Blob(nint statement, int column)
    {
        // The pointer first, then the length, as SQLite asks.
        var pointer = _blob(statement, column);
        var length = _bytes(statement, column);
        return pointer == 0 ? [] : new ReadOnlySpan<byte>((void*)pointer, length);
    }
}
