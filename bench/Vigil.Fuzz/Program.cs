using SharpFuzz;
using Vigil.Fuzz;

// vigil-fuzz TARGET           run one target under afl-fuzz (SharpFuzz, out of process)
// vigil-fuzz seed DIR         write each target's seed corpus to DIR/TARGET/
// vigil-fuzz replay TARGET PATH...  run inputs in process and name any that throws
// vigil-fuzz list             the targets and what each reads
if (args is ["list"])
{
    foreach (var t in Targets.All)
    {
        Console.WriteLine($"{t.Name,-16} {t.Reads}");
    }

    return 0;
}

if (args is ["seed", var folder])
{
    foreach (var t in Targets.All)
    {
        var directory = Directory.CreateDirectory(Path.Combine(folder, t.Name));
        var n = 0;
        foreach (var seed in t.Seeds())
        {
            File.WriteAllBytes(Path.Combine(directory.FullName, $"seed-{n++:D2}"), seed);
        }

        Console.WriteLine($"{t.Name}: {n} seeds");
    }

    return 0;
}

if (args is ["replay", var replayed, .. var paths] && Find(replayed) is { } replay)
{
    var failures = 0;
    foreach (var file in paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]))
    {
        try
        {
            replay.Run(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            failures++;
            Console.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
        }
    }

    Console.WriteLine($"{failures} input(s) threw");
    return failures == 0 ? 0 : 1;
}

if (args is [var name] && !name.StartsWith('-'))
{
    // Under afl-fuzz the instrumented assemblies may run only inside the callback, where the
    // coverage map is set up: the target is looked up there, on the first input.
    Fuzzer.OutOfProcess.Run(stream =>
    {
        var target = Find(name) ?? throw new ArgumentException($"no fuzz target '{name}'");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target.Run(buffer.ToArray());
    });
    return 0;
}

Console.Error.WriteLine($"usage: vigil-fuzz list | seed DIR | replay TARGET PATH... | TARGET  (targets: {string.Join(", ", Targets.All.Select(t => t.Name))})");
return 2;

static FuzzTarget? Find(string name) => Targets.All.FirstOrDefault(t => t.Name == name);
