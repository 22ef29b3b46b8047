namespace Vigil.Platform.UseCases;

/// <summary>
/// Who carries out a use case, as the record is to name them: the operator at the command line
/// (<c>cli:USER</c>, role <c>operator</c>, source <c>cli</c>) or the signed-in member of staff
/// (their id, their role, the address they came from).
/// </summary>
/// <param name="Id">The name written into events, the access log and the ledger.</param>
/// <param name="Role">Their role, as the access log records it.</param>
/// <param name="Source">Where the request came from, for security events.</param>
public sealed record Actor(string Id, string Role, string Source);
