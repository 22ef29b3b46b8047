using System.Reflection;
using System.Xml.Linq;
using Vigil.Protocol;

namespace Vigil.Server.Tests;

/// <summary>
/// Outcome codes are written once, in the catalogue (<see cref="Outcomes"/>); everything else
/// reads them from there. The rule, checked on the compiled assemblies of every project in src/
/// (found from the repository's src/ folder, so a new project is checked too): outside the type
/// <see cref="Outcomes"/>, no method body loads a string constant (IL <c>ldstr</c>) equal to a
/// catalogued code, and no <c>const</c> field holds one. Reading a code from the catalogue compiles
/// to a field load, never to <c>ldstr</c>, while a literal compared against, switched on, returned
/// or passed on is a second copy of the code that can drift from the first; a literal that equals a
/// code by coincidence would be mistaken for one and is refused too. The check sees what the
/// compiler emitted, so comments and XML docs are free to name codes, and Razor pages, lambdas,
/// async state machines and a <c>const</c> inlined into its users are all covered. UTF-8 literals
/// (<c>"..."u8</c>) compile to data, not <c>ldstr</c>, and are outside the rule.
/// </summary>
public sealed class OutcomeLiteralTests
{
    [Fact]
    public void SourceAssemblies_OutsideTheCatalogue_HoldNoOutcomeCodeLiteral()
    {
        var codes = Outcomes.All.Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        var assemblies = SourceAssemblyNames().Select(name => Assembly.Load(new AssemblyName(name))).ToList();

        var offenders = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => !IsCatalogue(t))
            .SelectMany(t => Literals(t).Where(codes.Contains).Select(code => $"{t.Assembly.GetName().Name}: {t.FullName} holds \"{code}\""))
            .Distinct()
            .ToList();

        Assert.Contains(typeof(Outcomes).Assembly, assemblies);
        Assert.True(offenders.Count == 0, "outcome codes written outside Outcomes; read them from the catalogue:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public async Task Rule_SeesLiteralsInsideAsyncStateMachines()
    {
        var literals = typeof(OutcomeLiteralTests).GetNestedTypes(Declared).SelectMany(Literals).ToList();

        Assert.Contains(await ProbeAsync(), literals);
    }

    // Its literal lives in the compiler's state machine, a nested type, as in the gateway's async handlers.
    private static async Task<string> ProbeAsync()
    {
        await Task.Yield();
        return "probe-inside-a-state-machine";
    }

    private static bool IsCatalogue(Type type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t == typeof(Outcomes))
            {
                return true;
            }
        }

        return false;
    }

    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    private static IEnumerable<string> Literals(Type type) =>
        type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared))
            .SelectMany(IlStrings.Of)
            .Concat(type.GetFields(Declared).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!));

    // The assembly of every project under src/: its AssemblyName, or the project's name.
    private static IEnumerable<string> SourceAssemblyNames()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Vigil.slnx")))
        {
            folder = folder.Parent;
        }

        Assert.True(folder is not null, "the repository (Vigil.slnx) is not above the test's folder");
        return Directory.EnumerateFiles(Path.Combine(folder.FullName, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains("node_modules", StringComparison.Ordinal))
            .Select(p => XDocument.Load(p).Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(p));
    }
}
