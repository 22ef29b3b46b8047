using CsCheck;

namespace Vigil.Fuzz.Tests;

/// <summary>
/// Every fuzz target, in process and uninstrumented: its seeds, its committed corpus and every
/// input the fuzzer ever crashed it with (bench/Vigil.Fuzz/regressions) must return, and so must
/// random mutations of its seeds.
/// </summary>
public sealed class FuzzTargetTests
{
    public static TheoryData<string> Names => [.. Targets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Target_SeedsCorpusAndRegressions_AllReturn(string name)
    {
        var target = Targets.All.Single(t => t.Name == name);
        var files = new[] { "corpus", "regressions" }
            .Select(folder => Path.Combine(AppContext.BaseDirectory, folder, name))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .ToList();

        Assert.Contains(files, f => f.Contains($"corpus{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var input in target.Seeds().Concat(files.Select(File.ReadAllBytes)))
        {
            target.Run(input);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Target_MutatedSeeds_Return(string name)
    {
        var target = Targets.All.Single(t => t.Name == name);
        var seeds = target.Seeds().ToArray();
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int.Array[1, 8], Gen.Byte.Array[1, 8])
            .Sample((which, positions, values) =>
            {
                var input = (byte[])seeds[which].Clone();
                for (var i = 0; i < positions.Length; i++)
                {
                    input[(positions[i] & int.MaxValue) % input.Length] ^= values[i % values.Length];
                }

                target.Run(input);
            }, iter: 2_000);
    }

    [Fact]
    public void Targets_EachHasACommittedCorpus()
    {
        foreach (var target in Targets.All)
        {
            Assert.True(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "corpus", target.Name)), $"no corpus for {target.Name}");
        }
    }
}
