namespace Vigil.Fhir.Tests;

public sealed class GoldenTests
{
    public static TheoryData<string> Names => [.. Samples.All().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Mapping_MatchesGoldenFile(string name)
    {
        var resource = Samples.All().Single(s => s.Name == name).Resource;

        Golden.Check(name, resource);
    }

    [Fact]
    public void Mapping_SameInput_SameJson()
    {
        var first = Samples.All().Select(s => Golden.Serialize(s.Resource)).ToArray();
        var second = Samples.All().Select(s => Golden.Serialize(s.Resource)).ToArray();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Diff_NamesFirstDifferingLine()
    {
        var diff = Golden.Diff("a\nb\nc\n", "a\nB\nc\n");

        Assert.Contains("line 2", diff, StringComparison.Ordinal);
        Assert.Contains("- b", diff, StringComparison.Ordinal);
        Assert.Contains("+ B", diff, StringComparison.Ordinal);
    }
}
