using Vigil.Domain.Verification;

namespace Vigil.Record.Readings;

/// <summary>One verdict a reading has had.</summary>
/// <param name="Version">1 at ingest, then one more per revision.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="RulesVersion">The verification rules that gave it.</param>
/// <param name="Cause">What gave it.</param>
/// <param name="DecidedAt">When.</param>
public sealed record VerdictEntry(int Version, Verdict Verdict, int RulesVersion, string Cause, DateTimeOffset DecidedAt);
