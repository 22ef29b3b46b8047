using Vigil.Fhir.Ids;

namespace Vigil.Fhir.Tests;

public sealed class ResourceIdTests
{
    [Theory]
    [InlineData("cgm-1", 3UL, 0, "cgm-1.3.0")]
    [InlineData("oxi.ward-2", 18446744073709551615UL, 7, "oxi.ward-2.18446744073709551615.7")]
    public void Reading_ReadableWhenItFits(string device, ulong sequence, int index, string expected)
    {
        Assert.Equal(expected, ResourceIds.Reading(device, sequence, index));
    }

    [Theory]
    [InlineData("cgm_1")]
    [InlineData("h.cgm")]
    [InlineData("a-device-id-of-sixty-four-characters-that-leaves-no-room-for-seq")]
    public void Reading_HashedWhenTheReadableFormCannotBeUsed(string device)
    {
        var id = ResourceIds.Reading(device, 3, 0);

        Assert.StartsWith("h.", id, StringComparison.Ordinal);
        Assert.Equal(42, id.Length);
        Assert.True(ResourceIds.IsValid(id));
        Assert.Equal(id, ResourceIds.Reading(device, 3, 0));
    }

    [Fact]
    public void Reading_DistinctReadings_DistinctIds()
    {
        string[] devices = ["a", "a.1", "a_1", "a-1", "h.a", "cgm-1"];
        var ids = devices.SelectMany(d => new[] { (1UL, 1), (1UL, 11), (11UL, 1), (1UL, 2) }.Select(k => ResourceIds.Reading(d, k.Item1, k.Item2))).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.True(ResourceIds.IsValid(id), id));
    }

    [Fact]
    public void Ids_AreFunctionsOfTheirSubjectOnly()
    {
        Assert.Equal("cgm-1", ResourceIds.Device("cgm-1"));
        Assert.Equal("cgm-1.3", ResourceIds.Batch("cgm-1", 3));
        Assert.Equal("P-Ward.7", ResourceIds.Patient("P-Ward.7"));
        Assert.StartsWith("h.", ResourceIds.Patient("p_7"), StringComparison.Ordinal);
        Assert.NotEqual(ResourceIds.Patient("p_7"), ResourceIds.Patient("p_8"));
    }
}
