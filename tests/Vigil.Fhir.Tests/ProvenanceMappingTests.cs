using Hl7.Fhir.Model;
using Vigil.Fhir.Batches;
using Vigil.Fhir.Codes;

namespace Vigil.Fhir.Tests;

public sealed class ProvenanceMappingTests
{
    [Fact]
    public void ToFhir_TargetsEveryObservationOfTheBatch()
    {
        var provenance = ProvenanceMapping.ToFhir(Samples.Batch, null, null);

        Assert.Equal(["Observation/cgm-1.3.0", "Observation/cgm-1.3.1"], provenance.Target.Select(t => t.Reference));
        Assert.Equal("cgm-1.3", provenance.Id);
    }

    [Fact]
    public void ToFhir_SignatureIsTheDevicesOwnCoseSign1()
    {
        var signature = Assert.Single(ProvenanceMapping.ToFhir(Samples.Batch, null, null).Signature);

        Assert.Equal(Samples.SignedBatch, signature.Data);
        Assert.Equal("application/cose", signature.SigFormat);
        Assert.Equal((CodeSystems.AstmSignatureType, "1.2.840.10065.1.12.1.14"), (signature.Type[0].System, signature.Type[0].Code));
        Assert.Equal("Device/cgm-1", Assert.IsType<ResourceReference>(signature.Who).Reference);
    }

    [Theory]
    [InlineData("hub-7", new[] { "Device/cgm-1", "Device/hub-7" })]
    [InlineData(null, new[] { "Device/cgm-1" })]
    public void ToFhir_AgentsAreTheDeviceAndTheRelay(string? relay, string[] agents)
    {
        var provenance = ProvenanceMapping.ToFhir(Samples.Batch, relay, null);

        Assert.Equal(agents, provenance.Agent.Select(a => a.Who.Reference));
        Assert.Equal("author", provenance.Agent[0].Type.Coding[0].Code);
    }

    [Fact]
    public void ToFhir_NamesTheLedgerEntryAndTheCheckpoint()
    {
        var provenance = ProvenanceMapping.ToFhir(Samples.Batch, null, Samples.Anchor);

        Assert.Equal(
            [(CodeSystems.LedgerEntry, "cgm-1#3"), (CodeSystems.LedgerCheckpoint, "18")],
            provenance.Entity.Select(e => (e.What.Identifier.System, e.What.Identifier.Value)));
        var note = provenance.Entity[1].What.GetExtension(CodeSystems.CheckpointNoteExtension);
        Assert.Equal(Samples.Anchor.Checkpoint!.Note, ((FhirString)note.Value).Value);
    }

    [Fact]
    public void ToFhir_WithoutACheckpointYet_NamesTheEntryOnly()
    {
        var provenance = ProvenanceMapping.ToFhir(Samples.Batch, null, Samples.Anchor with { Checkpoint = null });

        Assert.Equal("cgm-1#3", Assert.Single(provenance.Entity).What.Identifier.Value);
    }
}
