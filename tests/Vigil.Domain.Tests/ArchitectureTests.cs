using Vigil.Domain.Readings;

namespace Vigil.Domain.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void DomainAssembly_ReferencesNothingButTheBaseClassLibrary()
    {
        var references = typeof(Reading).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"Vigil.Domain references {name}"));
    }

    [Fact]
    public void DomainAssembly_UsesNoIoOrCryptoNamespaces()
    {
        var forbidden = new[] { "System.IO", "System.Net", "System.Data", "System.Security.Cryptography" };
        var offenders = typeof(Reading).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
                .Select(f => (t, f.FieldType)))
            .Where(p => p.FieldType.Namespace is { } ns && forbidden.Any(ns.StartsWith))
            .ToList();

        Assert.Empty(offenders);
    }
}
