namespace Vigil.Domain.Tests.Architecture;

/// <summary>
/// What the domain core must not touch: files, the network, databases, native code, the host's
/// process, threads and timers, the clock, crypto (which sits apart, in the audit surface), and
/// the frameworks at the edges.
/// </summary>
public static class IoRule
{
    private static readonly string[] ForbiddenNamespaces =
    [
        "System.IO", "System.Net", "System.Data", "Microsoft.Data", "Npgsql", "System.Security.Cryptography",
        "System.Timers", "System.Threading.Tasks", "Microsoft.Win32",
        "Microsoft.AspNetCore", "Microsoft.Extensions", "Orleans", "MQTTnet",
    ];

    private static readonly string[] ForbiddenTypes =
    [
        "System.Threading.Thread", "System.Threading.ThreadPool", "System.Threading.Timer", "System.Threading.PeriodicTimer",
        "System.Diagnostics.Process", "System.Diagnostics.Stopwatch", "System.Console", "System.AppDomain",
        "System.TimeProvider", "System.Runtime.InteropServices.Marshal", "System.Runtime.InteropServices.NativeLibrary",
        "System.Runtime.InteropServices.NativeMemory", "System.Runtime.InteropServices.SafeHandle",
        "System.Runtime.InteropServices.LibraryImportAttribute",
    ];

    private static readonly string[] ForbiddenMembers =
    [
        "System.DateTime::get_Now", "System.DateTime::get_UtcNow", "System.DateTime::get_Today",
        "System.DateTimeOffset::get_Now", "System.DateTimeOffset::get_UtcNow",
    ];

    // The host's environment (variables, folders, command line, exit) is off limits, but the
    // iterators and LINQ the compiler writes ask it for the current thread's id.
    private static readonly string[] EnvironmentAllowed = ["get_CurrentManagedThreadId", "get_NewLine"];

    /// <summary>Whether naming the type (<c>Namespace.Type</c>, nested types after <c>+</c>) breaks the rule.</summary>
    public static bool Forbids(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var outer = type.Split('+')[0];
        return ForbiddenNamespaces.Any(ns => outer.StartsWith(ns + ".", StringComparison.Ordinal))
            || ForbiddenTypes.Any(t => outer == t || outer.StartsWith(t + "`", StringComparison.Ordinal))
            || type.StartsWith("System.Environment+", StringComparison.Ordinal);
    }

    /// <summary>Whether using the member (<c>Namespace.Type::Member</c>) breaks the rule.</summary>
    public static bool ForbidsMember(string member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var parts = member.Split("::");
        return ForbiddenMembers.Contains(member, StringComparer.Ordinal)
            || Forbids(parts[0])
            || (parts[0] == "System.Environment" && !EnvironmentAllowed.Contains(parts[^1], StringComparer.Ordinal));
    }
}
