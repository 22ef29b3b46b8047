using Vigil.Record.Ledger;

namespace Vigil.Record.Tests;

public sealed class CheckpointTimestampTests
{
    [Fact]
    public void Body_WithTimestamp_HasTheExtensionLineAndParsesBack()
    {
        var checkpoint = new Checkpoint("vigil.ledger/t", 5, new byte[32], 1_765_000_000);

        var parsed = Checkpoint.Parse(checkpoint.Body)!;

        Assert.EndsWith("=\ntimestamp 1765000000\n", checkpoint.Body, StringComparison.Ordinal);
        Assert.Equal(1_765_000_000L, parsed.Timestamp);
        Assert.Equal(5, parsed.Size);
    }

    [Fact]
    public void Parse_OlderCheckpointWithoutTheLine_ParsesWithoutTimestamp()
    {
        var parsed = Checkpoint.Parse("vigil.ledger/t\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")!;

        Assert.Null(parsed.Timestamp);
        Assert.Equal(5, parsed.Size);
    }

    [Fact]
    public void Parse_EmptyExtensionLine_IsRefused()
    {
        Assert.Null(Checkpoint.Parse("vigil.ledger/t\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\ntimestamp 1\n"));
    }
}
