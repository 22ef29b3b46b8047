using System.Text.RegularExpressions;

namespace Vigil.Domain.Tests;

/// <summary>
/// No code in src/ blocks a thread on a task: a blocked pool thread is one fewer for TLS, MQTT and
/// the grains, and a grain that blocks on work queued to its own scheduler never wakes. The rule is
/// checked on the sources, so that it also covers code inside async methods.
/// </summary>
public sealed partial class SyncOverAsyncTests
{
    [Fact]
    public void Sources_NeverBlockOnATask()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .Where(l => Blocking().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "blocking waits on tasks:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("task.GetAwaiter().GetResult();")]
    [InlineData("done.Wait();")]
    [InlineData("var x = pending.Result;")]
    [InlineData("ready.AsTask().Wait(TimeSpan.FromSeconds(1));")]
    public void Rule_RecognisesBlockingWaits(string line) => Assert.Matches(Blocking(), line);

    [Theory]
    [InlineData("await task;")]
    [InlineData("var result = OpenResult.Success(batch);")]
    [InlineData("_queued.Wait(TimeSpan.FromSeconds(1));")]
    public void Rule_LeavesOtherCodeAlone(string line) => Assert.DoesNotMatch(Blocking(), line);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Vigil.slnx) was not found above the test's folder");
    }

    // A task's awaiter result, a task's Wait, or a Result read, outside an await. An event's
    // Wait (ManualResetEventSlim) is not a task's and stays allowed; it is named _queued or similar,
    // so the Wait rule looks for task-like receivers only.
    [GeneratedRegex(@"\.GetAwaiter\(\)\.GetResult\(\)|\b(task|done|pending|ready|\w*Task|\w+Async\([^)]*\)|AsTask\(\))\.Wait\(|\b(task|pending|ready|\w*Task)\.Result\b", RegexOptions.IgnoreCase)]
    private static partial Regex Blocking();
}
