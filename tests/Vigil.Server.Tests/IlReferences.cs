using System.Reflection;
using System.Reflection.Emit;

namespace Vigil.Server.Tests;

/// <summary>
/// The members and types a method's compiled body refers to: the metadata-token operands of its
/// call, field, type and <c>ldtoken</c> instructions (ECMA-335 §III.1.9, §III.3 and §III.4),
/// resolved in the method's generic context, found by walking the IL one instruction at a time.
/// </summary>
public static class IlReferences
{
    /// <summary>Every member or type the body of <paramref name="method"/> names by token; none for a method without a body.</summary>
    public static IEnumerable<MemberInfo> Of(MethodBase method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var (code, at) in IlInstructions.Of(il))
        {
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                yield return method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments)
                    ?? throw new InvalidOperationException($"token at IL_{at - code.Size:x4} of {method.DeclaringType}.{method.Name} does not resolve");
            }
        }
    }
}
