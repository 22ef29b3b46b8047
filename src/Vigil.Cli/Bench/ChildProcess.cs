using System.Diagnostics;
using System.Text;

namespace Vigil.Cli.Bench;

/// <summary>A server the bench starts on 127.0.0.1, watches and stops: <c>vigil serve</c> or mosquitto.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

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

    public static ChildProcess Start(string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, bool input = false)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}"));
    }

    /// <summary>Lowers the process's scheduling priority (on Linux, a nice value of 10 or, for idle, 19).</summary>
    public void Lower(ProcessPriorityClass priority) => _process.PriorityClass = priority;

    /// <summary>Closes the process's standard input (started with <c>input</c>), which a child reads as the signal to finish.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits for the process to exit by itself, for at most <paramref name="within"/>; false if it is still running.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan within)
    {
        using var bound = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(bound.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until the output contains a marker, or the process exits, or the bound passes.</summary>
    public async Task<bool> WaitForOutputAsync(string marker, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (Output.Contains(marker, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return Output.Contains(marker, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
