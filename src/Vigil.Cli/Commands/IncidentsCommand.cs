using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Domain.Security;
using Vigil.Platform.Queries;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil incidents</c>: clone, clock, drift and lot incidents.</summary>
internal static class IncidentsCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("incidents", "List security incidents: clones, skewed clocks, drifting devices and lots.");
        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var incidents = await platform.Get<SecurityViews>().IncidentsAsync();
            var table = new Table().AddColumns("#", "kind", "device", "opened (UTC)", "since (UTC)", "status", "detail");
            foreach (var i in incidents)
            {
                table.AddRow(
                    i.Id.ToString(CultureInfo.InvariantCulture), $"[red]{Markup.Escape(i.Kind.Code())}[/]", Markup.Escape(i.DeviceId?.Value ?? "-"),
                    i.OpenedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), i.Since.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(i.Status.Code()), Markup.Escape(i.Detail));
            }

            context.Console.Write(table);
            context.Console.MarkupLineInterpolated($"{incidents.Count} incident(s).");
            return 0;
        }));
        return command;
    }
}
