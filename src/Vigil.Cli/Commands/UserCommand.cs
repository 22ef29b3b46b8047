using System.CommandLine;
using System.Security.Cryptography;
using Spectre.Console;
using Vigil.Domain.Access;
using Vigil.Platform.Access;
using Vigil.Platform.Queries;
using Vigil.Platform.UseCases;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil user add|list|password|unlock|disable|enable</c>: staff accounts.</summary>
internal static class UserCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var command = new Command("user", "Staff accounts: clinicians, security analysts and administrators.");
        command.Subcommands.Add(Add(context, data));
        var list = new Command("list", "List accounts with their role and sign-in state.");
        list.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            var table = new Table().AddColumns("user", "name", "role", "sign-in", "failures", "locked until", "state");
            foreach (var u in await platform.Get<StaffDirectory>().UsersAsync())
            {
                table.AddRow(
                    Markup.Escape(u.Id), Markup.Escape(u.DisplayName), u.Role.ToString(), u.PasswordHash is null ? "single sign-on" : "password",
                    u.FailedSignIns.ToString(System.Globalization.CultureInfo.InvariantCulture), u.LockedUntil?.ToString("u") ?? "-", u.Disabled ? "[red]disabled[/]" : "active");
            }

            context.Console.Write(table);
            return 0;
        }));
        command.Subcommands.Add(list);
        command.Subcommands.Add(Password(context, data));
        command.Subcommands.Add(Change(context, data, "unlock", "Clear failed sign-ins and any lockout.", (staff, id) => staff.UnlockAsync(id)));
        command.Subcommands.Add(Change(context, data, "disable", "Switch an account off: its sessions and tokens stop working.", (staff, id) => staff.SetDisabledAsync(id, true)));
        command.Subcommands.Add(Change(context, data, "enable", "Switch an account back on.", (staff, id) => staff.SetDisabledAsync(id, false)));
        return command;
    }

    /// <summary>A random password that meets the rules, for accounts made without one.</summary>
    public static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');

    private static Command Add(CliContext context, Option<DirectoryInfo> data)
    {
        var id = new Option<string>("--id") { Description = "The sign-in name.", Required = true };
        var name = new Option<string>("--name") { Description = "The name shown to others.", Required = true };
        var role = new Option<StaffRole>("--role") { Description = "Clinician, Analyst or Admin.", Required = true };
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (otherwise one is generated and shown once)." };
        var sso = new Option<bool>("--single-sign-on") { Description = "No local password: the account signs in only through OpenID Connect." };
        var add = new Command("add", "Create an account.") { id, name, role, stdin, sso };
        add.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            // The id is judged before a password is read from standard input.
            var userId = parse.GetValue(id)!;
            if (!StaffAdministration.IsUserId(userId))
            {
                return context.Fail("a user id is 1-64 letters, digits, '-', '_', '.' or '@'.", 2);
            }

            var generated = !parse.GetValue(stdin) && !parse.GetValue(sso);
            var password = parse.GetValue(sso) ? null : parse.GetValue(stdin) ? Console.In.ReadLine() ?? string.Empty : NewPassword();
            var added = await platform.Get<StaffAdministration>().AddUserAsync(userId, parse.GetValue(name)!, parse.GetValue(role), password);
            if (added.Refusal is { } refusal)
            {
                return context.Fail(refusal, refusal.Code == StaffAdministration.UserExists ? $"user {userId} already exists." : null);
            }

            var user = added.Value!;

            context.Console.MarkupLineInterpolated($"[green]Added[/] {user.Role.ToString().ToLowerInvariant()} {userId}.");
            if (generated)
            {
                context.Console.MarkupLineInterpolated($"Password (shown once): [bold]{password}[/]");
            }

            return 0;
        }));
        return add;
    }

    private static Command Password(CliContext context, Option<DirectoryInfo> data)
    {
        var id = new Argument<string>("id") { Description = "The user." };
        var command = new Command("password", "Set a new password, read from standard input.") { id };
        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
            await platform.Get<StaffAdministration>().SetPasswordAsync(parse.GetValue(id)!, Console.In.ReadLine() ?? string.Empty) is { Refusal: { } refusal }
                ? context.Fail(refusal, refusal.Kind == RefusalKind.NotFound ? $"no user {parse.GetValue(id)}." : null)
                : Done(context, $"Password of {parse.GetValue(id)} changed.")));
        return command;
    }

    private static Command Change(CliContext context, Option<DirectoryInfo> data, string verb, string description, Func<StaffAdministration, string, Task<UseCaseResult>> change)
    {
        var id = new Argument<string>("id") { Description = "The user." };
        var command = new Command(verb, description) { id };
        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
            (await change(platform.Get<StaffAdministration>(), parse.GetValue(id)!)).Refusal is { } refusal
                ? context.Fail(refusal, $"no user {parse.GetValue(id)}.")
                : Done(context, $"{verb}: {parse.GetValue(id)}.")));
        return command;
    }

    private static int Done(CliContext context, string message)
    {
        context.Console.MarkupLineInterpolated($"{message}");
        return 0;
    }
}
