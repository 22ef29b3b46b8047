using System.CommandLine;
using System.Globalization;
using Vigil.Server.Gateway;
using Vigil.Server.Hosting;

namespace Vigil.Cli.Commands;

/// <summary>The listener and record flags shared by <c>vigil serve</c> and <c>vigil demo</c>, turned into configuration overrides.</summary>
internal sealed class ServerPortOptions
{
    private readonly Option<int?> _https = new("--https-port") { Description = "HTTPS port (default 8443)." };
    private readonly Option<int?> _mqtt = new("--mqtt-port") { Description = "MQTT over TLS port (default 8883)." };
    private readonly Option<int?> _silo = new("--silo-port") { Description = "Orleans silo port (default 11111)." };
    private readonly Option<int?> _gateway = new("--orleans-gateway-port") { Description = "Orleans gateway port (default 30000)." };
    private readonly Option<string?> _listen = new("--listen") { Description = "Address to bind (default 127.0.0.1)." };
    private readonly Option<string?> _store = new("--store") { Description = "Keep the record in PostgreSQL: an Npgsql connection string (default: the data folder's store, else its SQLite file)." };

    public void AddTo(Command command)
    {
        command.Options.Add(_https);
        command.Options.Add(_mqtt);
        command.Options.Add(_silo);
        command.Options.Add(_gateway);
        command.Options.Add(_listen);
        command.Options.Add(_store);
    }

    public Dictionary<string, string?> Overrides(ParseResult parse, DirectoryInfo data)
    {
        var overrides = new Dictionary<string, string?> { ["Vigil:DataFolder"] = data.FullName };
        void Set(string key, object? value)
        {
            if (value is not null)
            {
                overrides[$"Vigil:{key}"] = Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        Set(nameof(ListenerOptions.HttpsPort), parse.GetValue(_https));
        Set(nameof(ListenerOptions.MqttPort), parse.GetValue(_mqtt));
        Set(nameof(SiloPortOptions.SiloPort), parse.GetValue(_silo));
        Set(nameof(SiloPortOptions.OrleansGatewayPort), parse.GetValue(_gateway));
        Set(nameof(ListenerOptions.ListenAddress), parse.GetValue(_listen));
        Set(nameof(DeploymentOptions.Store), parse.GetValue(_store));
        return overrides;
    }
}
