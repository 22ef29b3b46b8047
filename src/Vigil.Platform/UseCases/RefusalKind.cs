namespace Vigil.Platform.UseCases;

/// <summary>What sort of refusal a use case gave, which every adapter turns into its own answer (an exit code, an HTTP status).</summary>
public enum RefusalKind
{
    /// <summary>What was asked for is not well formed: a bad id, a weak password, a value out of range.</summary>
    Invalid,

    /// <summary>The thing named (a device, user, team, patient, alert) does not exist.</summary>
    NotFound,

    /// <summary>The thing to create exists already, or the change is not allowed in the state things are in.</summary>
    Conflict,
}
