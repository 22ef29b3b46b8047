using System.Diagnostics;
using System.Globalization;

namespace Vigil.Tests.Shared;

/// <summary>A real <c>vigil serve</c> child process on given ports, for tests that must kill it.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ServerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static ServerProcess Start(string dataFolder, int https, int mqtt, int silo, int gateway, params string[] more) =>
        Vigil(
            dataFolder,
            [
                "serve", "--data", dataFolder,
                "--https-port", https.ToString(CultureInfo.InvariantCulture), "--mqtt-port", mqtt.ToString(CultureInfo.InvariantCulture),
                "--silo-port", silo.ToString(CultureInfo.InvariantCulture), "--orleans-gateway-port", gateway.ToString(CultureInfo.InvariantCulture),
                .. more,
            ]);

    /// <summary><c>vigil serve</c> on given ports, with environment variables set (a null value removes one).</summary>
    public static ServerProcess Start(IReadOnlyDictionary<string, string?> environment, string dataFolder, int https, int mqtt, int silo, int gateway) =>
        Vigil(
            dataFolder,
            environment,
            "serve", "--data", dataFolder,
            "--https-port", https.ToString(CultureInfo.InvariantCulture), "--mqtt-port", mqtt.ToString(CultureInfo.InvariantCulture),
            "--silo-port", silo.ToString(CultureInfo.InvariantCulture), "--orleans-gateway-port", gateway.ToString(CultureInfo.InvariantCulture));

    /// <summary>Any <c>vigil</c> command as a child process, its output collected.</summary>
    public static ServerProcess Vigil(string workingDirectory, params string[] args) =>
        Vigil(workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>Any <c>vigil</c> command as a child process with environment variables set (a null value removes one), its output collected.</summary>
    public static ServerProcess Vigil(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vigil.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return new ServerProcess(Process.Start(start)!);
    }

    /// <summary>Runs a <c>vigil</c> command to its end, within a bound: its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, TimeSpan within, params string[] args) =>
        RunAsync(workingDirectory, new Dictionary<string, string?>(), within, args);

    /// <summary>Runs a <c>vigil</c> command to its end, within a bound, with environment variables set (a null value removes one).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan within, params string[] args)
    {
        using var child = Vigil(workingDirectory, environment, args);
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await child._process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.KillHard();
            throw new TimeoutException($"vigil {string.Join(' ', args)} did not end within {within}: {child.Output}");
        }

        // The exit comes before the last of the redirected output; WaitForExit() without a bound drains it.
        child._process.WaitForExit();
        return (child.ExitCode, child.Output);
    }

    /// <summary>Waits until the server says it is serving.</summary>
    public Task WaitUntilServingAsync() =>
        Eventually.TrueAsync(() => Output.Contains("Vigil is serving", StringComparison.Ordinal) || HasExited, "vigil serve to start", TimeSpan.FromSeconds(60));

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>SIGTERM, as a service manager stops a service; waits for the exit with a bound.</summary>
    public async Task<bool> TerminateAsync(TimeSpan within)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
