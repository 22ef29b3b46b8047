using Vigil.Fhir.Observations;

namespace Vigil.Fhir.Tests;

/// <summary>The mapping is pure functions over the record's rows: it reaches no host, no CLI, no application layer, no file.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void FhirAssembly_ReferencesOnlyTheDomainTheRecordAndFirely()
    {
        var references = typeof(ObservationMapping).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Hl7.Fhir.R4", references);
        Assert.All(
            references.Where(r => r.StartsWith("Vigil", StringComparison.Ordinal)),
            r => Assert.Contains(r, new[] { "Vigil.Domain", "Vigil.Record" }));
    }

    [Fact]
    public void FhirAssembly_PublicTypesAreSealedOrStatic()
    {
        var open = typeof(ObservationMapping).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract)
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(open);
    }
}
