using System.Reflection;
using System.Runtime.Loader;
using Vigil.Domain.Readings;
using Vigil.Domain.Tests.Architecture;

namespace Vigil.Domain.Tests;

/// <summary>
/// The domain core does no I/O (docs: DESIGN.md, "Shape of the code"): it references no Vigil
/// assembly and nothing outside the base class library, and its compiled code names no type or
/// member that reaches files, the network, a database, native code, threads, timers or the clock.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Reading).Assembly;

    [Fact]
    public void DomainAssembly_ReferencesNothingButTheBaseClassLibrary()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"Vigil.Domain references {name}"));
    }

    [Fact]
    public void DomainAssembly_ReferencesOnlyAssembliesOfTheSharedFramework()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var outside = AssemblyMetadata.Of(Domain).Assemblies
            .Where(name => name.StartsWith("Vigil", StringComparison.Ordinal)
                || Path.GetDirectoryName(AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(name)).Location) != framework)
            .ToList();

        Assert.True(outside.Count == 0, "Vigil.Domain references assemblies outside the base class library: " + string.Join(", ", outside));
    }

    [Fact]
    public void DomainAssembly_UsesNoIoOrCryptoNamespaces()
    {
        var forbidden = new[] { "System.IO", "System.Net", "System.Data", "System.Security.Cryptography" };
        var offenders = Domain.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
                .Select(f => (t, f.FieldType)))
            .Where(p => p.FieldType.Namespace is { } ns && forbidden.Any(ns.StartsWith))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void DomainCode_NamesNoTypeThatDoesIo()
    {
        var offenders = AssemblyMetadata.Of(Domain).Types.Where(IoRule.Forbids).Order(StringComparer.Ordinal).ToList();

        Assert.True(offenders.Count == 0, "Vigil.Domain uses: " + string.Join(", ", offenders));
    }

    [Fact]
    public void DomainCode_UsesNoMemberThatDoesIoOrReadsTheClock()
    {
        var offenders = AssemblyMetadata.Of(Domain).Members.Where(IoRule.ForbidsMember).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(offenders.Count == 0, "Vigil.Domain calls: " + string.Join(", ", offenders));
    }

    [Fact]
    public void DomainCode_ImportsNoNativeMethod() => Assert.Empty(AssemblyMetadata.Of(Domain).NativeMethods);

    [Fact]
    public void Scan_OfCodeThatDoesIo_FindsIt()
    {
        var tests = AssemblyMetadata.Of(typeof(ArchitectureTests).Assembly);

        Assert.Contains("System.IO.File", tests.Types.Where(IoRule.Forbids));
        Assert.Contains("System.IO.File::ReadLines", tests.Members.Where(IoRule.ForbidsMember));
        Assert.Contains("System.IO.Directory::EnumerateFiles", tests.Members.Where(IoRule.ForbidsMember));
    }

    [Theory]
    [InlineData("System.IO.File")]
    [InlineData("System.IO.Compression.ZipArchive")]
    [InlineData("System.Net.Sockets.Socket")]
    [InlineData("System.Net.Http.HttpClient")]
    [InlineData("System.Data.Common.DbConnection")]
    [InlineData("Microsoft.Data.Sqlite.SqliteConnection")]
    [InlineData("Npgsql.NpgsqlConnection")]
    [InlineData("System.Threading.Thread")]
    [InlineData("System.Threading.Timer")]
    [InlineData("System.Threading.Tasks.Task`1")]
    [InlineData("System.Timers.Timer")]
    [InlineData("System.Diagnostics.Process")]
    [InlineData("System.Environment+SpecialFolder")]
    [InlineData("System.Runtime.InteropServices.NativeLibrary")]
    [InlineData("System.Security.Cryptography.SHA256")]
    [InlineData("Orleans.GenerateSerializerAttribute")]
    public void Rule_ForbidsIo(string type) => Assert.True(IoRule.Forbids(type));

    [Theory]
    [InlineData("System.Collections.Generic.List`1")]
    [InlineData("System.Linq.Enumerable")]
    [InlineData("System.Globalization.CultureInfo")]
    [InlineData("System.Text.Json.Serialization.JsonConverterAttribute")]
    [InlineData("System.Threading.Interlocked")]
    [InlineData("System.Runtime.InteropServices.CollectionsMarshal")]
    [InlineData("System.DateTimeOffset")]
    public void Rule_AllowsTheRest(string type) => Assert.False(IoRule.Forbids(type));

    [Theory]
    [InlineData("System.DateTime::get_UtcNow", true)]
    [InlineData("System.DateTimeOffset::get_UtcNow", true)]
    [InlineData("System.IO.File::Exists", true)]
    [InlineData("System.Environment::GetEnvironmentVariable", true)]
    [InlineData("System.Environment::get_CurrentDirectory", true)]
    [InlineData("System.Environment::get_CurrentManagedThreadId", false)]
    [InlineData("System.DateTimeOffset::op_Subtraction", false)]
    [InlineData("System.TimeSpan::FromMinutes", false)]
    public void Rule_ForbidsReadingTheClockOrTheHost(string member, bool forbidden) => Assert.Equal(forbidden, IoRule.ForbidsMember(member));
}
