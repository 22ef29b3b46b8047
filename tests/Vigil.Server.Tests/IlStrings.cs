using System.Reflection;
using System.Reflection.Emit;

namespace Vigil.Server.Tests;

/// <summary>
/// The string constants a method's compiled body loads: the operands of its <c>ldstr</c>
/// instructions (ECMA-335 §III.4.16), found by walking the IL one instruction at a time. A string
/// the compiler wrote itself for a <c>[CallerArgumentExpression]</c> parameter (the
/// parameter name <c>ArgumentNullException.ThrowIfNull(stored)</c> passes) is not the author's
/// literal and is left out: it is the <c>ldstr</c> right before a call whose last parameter
/// carries that attribute.
/// </summary>
public static class IlStrings
{
    /// <summary>Every string the body of <paramref name="method"/> loads with <c>ldstr</c>; none for a method without a body.</summary>
    public static IEnumerable<string> Of(MethodBase method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        string? pending = null;
        foreach (var (code, at) in IlInstructions.Of(il))
        {
            if (pending is not null && !(IsCall(code) && FillsCallerArgument(method, BitConverter.ToInt32(il, at))))
            {
                yield return pending;
            }

            pending = code == OpCodes.Ldstr ? method.Module.ResolveString(BitConverter.ToInt32(il, at)) : null;
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }

    private static bool IsCall(OpCode code) => code == OpCodes.Call || code == OpCodes.Callvirt || code == OpCodes.Newobj;

    private static bool FillsCallerArgument(MethodBase caller, int token)
    {
        try
        {
            var callee = caller.Module.ResolveMethod(
                token, caller.DeclaringType?.IsGenericType == true ? caller.DeclaringType.GetGenericArguments() : null, caller.IsGenericMethod ? caller.GetGenericArguments() : null);
            var parameters = callee?.GetParameters() ?? [];
            return parameters.Length > 0 && parameters[^1].CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.CallerArgumentExpressionAttribute");
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
