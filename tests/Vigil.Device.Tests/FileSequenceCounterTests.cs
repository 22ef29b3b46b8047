using Vigil.Device.SecureElements;

namespace Vigil.Device.Tests;

public sealed class FileSequenceCounterTests
{
    [Fact]
    public void Next_AcrossRestarts_NeverRepeatsAndAlwaysIncreases()
    {
        var folder = Directory.CreateTempSubdirectory("vigil-counter-").FullName;
        var path = Path.Combine(folder, "counter");
        var seen = new List<ulong>();

        for (var life = 0; life < 5; life++)
        {
            var counter = new FileSequenceCounter(path);
            for (var i = 0; i < 300 + (life * 7); i++)
            {
                seen.Add(counter.Next());
            }
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First < p.Second));
        Assert.Equal(1UL, seen[0]);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Next_ConcurrentCallers_GetDistinctValues()
    {
        var folder = Directory.CreateTempSubdirectory("vigil-counter-").FullName;
        var counter = new FileSequenceCounter(Path.Combine(folder, "counter"));

        var values = new System.Collections.Concurrent.ConcurrentBag<ulong>();
        Parallel.For(0, 2000, _ => values.Add(counter.Next()));

        Assert.Equal(2000, values.Distinct().Count());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Next_MemoryCounter_StartsWhereAskedAndIncreases()
    {
        var counter = new MemorySequenceCounter(41);

        Assert.Equal(41UL, counter.Next());
        Assert.Equal(42UL, counter.Next());
    }
}
