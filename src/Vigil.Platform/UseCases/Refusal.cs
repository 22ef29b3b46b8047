namespace Vigil.Platform.UseCases;

/// <summary>Why a use case did not do what was asked: its kind, a stable code and a message for a person.</summary>
/// <param name="Kind">What sort of refusal it is.</param>
/// <param name="Code">A stable code; where the API answers the refusal, the code of its problem+json.</param>
/// <param name="Message">Why, for a person, without a closing full stop.</param>
public sealed record Refusal(RefusalKind Kind, string Code, string Message);
