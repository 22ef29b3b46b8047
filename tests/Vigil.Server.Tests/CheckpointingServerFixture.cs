namespace Vigil.Server.Tests;

/// <summary>A server that signs a ledger checkpoint every second.</summary>
public sealed class CheckpointingServerFixture : ServerFixture
{
    public override async ValueTask InitializeAsync()
    {
        Settings["Vigil:CheckpointIntervalSeconds"] = "1";
        await StartAsync();
    }
}
