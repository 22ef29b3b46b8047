using System.Globalization;
using Vigil.Tests.Shared;

namespace Vigil.Cli.Tests;

/// <summary>A real <c>vigil serve</c> child process on free 127.0.0.1 ports over an initialised data folder, for the attack lab to attack.</summary>
public sealed class AttackLabFixture : IAsyncLifetime
{
    private ServerProcess? _server;

    public CliRunner Cli { get; } = new();

    public int MqttPort { get; private set; }

    public string Server => string.Create(CultureInfo.InvariantCulture, $"mqtts://127.0.0.1:{MqttPort}");

    public async ValueTask InitializeAsync()
    {
        var (code, output) = Cli.Run("init");
        Assert.True(code == 0, output);
        // The server reads appsettings.json from its working folder, the data folder: checkpoints every second.
        File.WriteAllText(Path.Combine(Cli.DataFolder, "appsettings.json"), """{ "Vigil": { "CheckpointIntervalSeconds": 1 } }""");
        var ports = FreePorts.Take(4);
        MqttPort = ports[1];
        _server = ServerProcess.Start(Cli.DataFolder, ports[0], ports[1], ports[2], ports[3]);
        await _server.WaitUntilServingAsync();
        Assert.False(_server.HasExited, _server.Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.TerminateAsync(TimeSpan.FromSeconds(20));
            _server.Dispose();
        }

        Cli.Dispose();
    }
}
