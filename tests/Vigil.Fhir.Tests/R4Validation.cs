using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Vigil.Fhir.Tests;

/// <summary>
/// Firely's validator over the official R4 definitions, offline: the StructureDefinitions, value
/// sets and code systems come from specification.zip (Hl7.Fhir.Specification.Data.R4, copied
/// beside the tests), resolved through a cache, with local terminology only. Built once: loading
/// the specification takes seconds.
/// </summary>
internal static class R4Validation
{
    private static readonly Lazy<Validator> Instance = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource(Path.Combine(AppContext.BaseDirectory, "specification.zip")));
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    /// <summary>The errors (and fatal issues) of a resource against the core definitions and the profiles it names, one line each.</summary>
    public static IReadOnlyList<string> Errors(Resource resource, string? profile = null)
    {
        var outcome = Instance.Value.Validate(resource, profile);
        return
        [
            .. outcome.Issue
                .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
                .Select(i => $"{i.Severity}: {string.Join(",", i.Expression ?? [])} {i.Details?.Text ?? i.Diagnostics}"),
        ];
    }

    /// <summary>Every issue, warnings included, for a failure message.</summary>
    public static IReadOnlyList<string> Issues(Resource resource)
    {
        var outcome = Instance.Value.Validate(resource);
        return [.. outcome.Issue.Select(i => $"{i.Severity}: {string.Join(",", i.Expression ?? [])} {i.Details?.Text ?? i.Diagnostics}")];
    }
}
