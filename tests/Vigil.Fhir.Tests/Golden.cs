using System.Runtime.CompilerServices;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Vigil.Fhir.Tests;

/// <summary>
/// Golden files: a resource serialized with Firely's FhirJsonSerializer, pretty, compared with
/// Golden/NAME.json. A difference fails with the first lines that differ. To accept a change of
/// the mapping, run the tests with <c>VIGIL_FHIR_UPDATE_GOLDEN=1</c>: the files in the source tree
/// are rewritten (and the tests pass); review the diff before committing it.
/// </summary>
internal static class Golden
{
    public const string UpdateVariable = "VIGIL_FHIR_UPDATE_GOLDEN";

    public static string Serialize(Resource resource) => new FhirJsonSerializer().SerializeToString(resource, pretty: true).ReplaceLineEndings("\n") + "\n";

    public static void Check(string name, Resource resource)
    {
        var actual = Serialize(resource);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Path.Combine(SourceFolder(), name + ".json"), actual, new UTF8Encoding(false));
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Golden", name + ".json");
        Assert.True(File.Exists(path), $"No golden file Golden/{name}.json; run the tests with {UpdateVariable}=1 to write it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"Golden/{name}.json differs from the mapping ({UpdateVariable}=1 rewrites it):\n{Diff(expected, actual)}");
        }
    }

    /// <summary>The first differing line with a little context, both sides.</summary>
    public static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var first = 0;
        while (first < e.Length && first < a.Length && e[first] == a[first])
        {
            first++;
        }

        var from = Math.Max(0, first - 2);
        var text = new StringBuilder();
        text.AppendLine($"first difference at line {first + 1}");
        for (var i = from; i < first + 4; i++)
        {
            if (i < e.Length && (i >= a.Length || e[i] != a[i]))
            {
                text.AppendLine($"- {e[i]}");
            }

            if (i < a.Length && (i >= e.Length || e[i] != a[i]))
            {
                text.AppendLine($"+ {a[i]}");
            }

            if (i < e.Length && i < a.Length && e[i] == a[i])
            {
                text.AppendLine($"  {e[i]}");
            }
        }

        return text.ToString();
    }

    private static string SourceFolder([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "Golden");
}
