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
        var ports = new ServerPortOptions();
        var command = new Command(
            "serve",
            "Run Vigil: MQTT 5 broker over TLS, HTTPS ingest, the device actors and the record, on the data folder. Settings come from appsettings.json, environment (Vigil__MqttPort=...), then these flags. Ctrl-C stops it.");
        ports.AddTo(command);
        var witnessing = new ServeWitnessOptions();
        witnessing.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var overrides = ports.Overrides(parse, parse.GetValue(data)!);
            witnessing.AddOverrides(parse, overrides);
            var app = TryBuild(context, overrides, out var failure);
            if (app is null)
            {
                return failure;
            }

            await using (app)
            {
                try
                {
                    await app.StartAsync(cancellation);
                }
                catch (Exception e) when (e is InvalidOperationException or InvalidDataException or ArgumentException or IOException
                    or Microsoft.Extensions.Options.OptionsValidationException)
                {
                    return context.Fail($"Vigil cannot start: {e.Message}", ExitCodes.Usage);
                }

                var listener = app.Options<Server.Gateway.ListenerOptions>();
                context.Console.MarkupLineInterpolated(
                    $"[green]Vigil is serving[/] mqtts://{listener.ListenAddress}:{listener.MqttPort} and https://{listener.ListenAddress}:{listener.HttpsPort} on {app.Options<DeploymentOptions>().DataFolder}. Ctrl-C stops it.");
                await app.WaitForShutdownAsync(cancellation);
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// Builds the server, or prints why not and returns null with the exit code that says why:
    /// another server on the folder (4), a key that does not open (6), anything else that stops
    /// it from starting (2).
    /// </summary>
    internal static WebApplication? TryBuild(CliContext context, Dictionary<string, string?> overrides, out int failure, BenchReference reference = BenchReference.None)
    {
        failure = ExitCodes.Success;
        try
        {
            return VigilServerBuilder.Build(overrides, reference);
        }
        catch (InstanceLockedException e)
        {
            failure = context.Fail(e.Message, ExitCodes.FolderHeld);
        }
        catch (Identity.Keys.KeyUnavailableException e)
        {
            failure = context.Fail($"Vigil cannot start: {e.Message}", ExitCodes.KeyUnavailable);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or System.Data.Common.DbException or ArgumentException
            or System.Security.Cryptography.CryptographicException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            failure = context.Fail($"Vigil cannot start: {e.Message}", ExitCodes.Usage);
        }

        return null;
    }
}
