using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Vigil.Server.Hosting;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil serve</c>: run the platform.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var https = new Option<int?>("--https-port") { Description = "HTTPS port (default 8443)." };
        var mqtt = new Option<int?>("--mqtt-port") { Description = "MQTT over TLS port (default 8883)." };
        var silo = new Option<int?>("--silo-port") { Description = "Orleans silo port (default 11111)." };
        var gateway = new Option<int?>("--orleans-gateway-port") { Description = "Orleans gateway port (default 30000)." };
        var listen = new Option<string?>("--listen") { Description = "Address to bind (default 127.0.0.1)." };
        var command = new Command(
            "serve",
            "Run Vigil: MQTT 5 broker over TLS, HTTPS ingest, the device actors and the record, on the data folder. Settings come from appsettings.json, environment (Vigil__MqttPort=...), then these flags. Ctrl-C stops it.")
        {
            https, mqtt, silo, gateway, listen,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var overrides = new Dictionary<string, string?> { ["Vigil:DataFolder"] = parse.GetValue(data)!.FullName };
            void Set(string key, object? value)
            {
                if (value is not null)
                {
                    overrides[$"Vigil:{key}"] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            Set(nameof(VigilServerOptions.HttpsPort), parse.GetValue(https));
            Set(nameof(VigilServerOptions.MqttPort), parse.GetValue(mqtt));
            Set(nameof(VigilServerOptions.SiloPort), parse.GetValue(silo));
            Set(nameof(VigilServerOptions.OrleansGatewayPort), parse.GetValue(gateway));
            Set(nameof(VigilServerOptions.ListenAddress), parse.GetValue(listen));
            WebApplication app;
            try
            {
                app = VigilServerBuilder.Build(overrides);
            }
            catch (InvalidOperationException e)
            {
                return context.Fail(e.Message, 4);
            }

            await using (app)
            {
                await app.StartAsync(cancellation);
                var options = app.Options();
                context.Console.MarkupLineInterpolated(
                    $"[green]Vigil is serving[/] mqtts://{options.ListenAddress}:{options.MqttPort} and https://{options.ListenAddress}:{options.HttpsPort} on {options.DataFolder}. Ctrl-C stops it.");
                await app.WaitForShutdownAsync(cancellation);
            }

            return 0;
        });
        return command;
    }
}
