using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Vigil.Domain.Tests.Architecture;

/// <summary>
/// What an assembly's compiled code reaches outside itself, read from its metadata tables rather
/// than through reflection over its own types: every type it names in a signature, a method body,
/// an attribute or a base list is a row of the TypeRef table, and every member of another assembly
/// it calls or reads is a row of the MemberRef table (ECMA-335, II.22.38 and II.22.25). Code the
/// compiler generates (lambdas, iterators, async state machines) lands in the same tables.
/// </summary>
public sealed class AssemblyMetadata
{
    private AssemblyMetadata(IReadOnlyList<string> assemblies, IReadOnlyList<string> types, IReadOnlyList<string> members, IReadOnlyList<string> nativeMethods)
    {
        Assemblies = assemblies;
        Types = types;
        Members = members;
        NativeMethods = nativeMethods;
    }

    /// <summary>The names of the assemblies it references.</summary>
    public IReadOnlyList<string> Assemblies { get; }

    /// <summary>The full names (<c>Namespace.Outer+Inner</c>) of the types of other assemblies it names.</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary>The members of other assemblies' types it uses, as <c>Namespace.Type::Member</c>.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>Its own methods that are native imports (P/Invoke), as <c>Type::Method</c>.</summary>
    public IReadOnlyList<string> NativeMethods { get; }

    /// <summary>Reads an assembly's metadata from its file.</summary>
    public static AssemblyMetadata Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();

        var assemblies = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
        var types = reader.TypeReferences.Select(h => TypeName(reader, h)).ToList();
        var members = reader.MemberReferences
            .Select(h => reader.GetMemberReference(h))
            .Where(m => m.Parent.Kind is HandleKind.TypeReference or HandleKind.TypeSpecification)
            .Select(m => $"{ParentName(reader, m.Parent)}::{reader.GetString(m.Name)}")
            .ToList();
        var native = reader.MethodDefinitions
            .Select(h => reader.GetMethodDefinition(h))
            .Where(m => (m.Attributes & System.Reflection.MethodAttributes.PinvokeImpl) != 0)
            .Select(m => $"{reader.GetString(reader.GetTypeDefinition(m.GetDeclaringType()).Name)}::{reader.GetString(m.Name)}")
            .ToList();
        return new AssemblyMetadata(assemblies, types, members, native);
    }

    private static string TypeName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{TypeName(reader, (TypeReferenceHandle)type.ResolutionScope)}+{name}"
            : $"{reader.GetString(type.Namespace)}.{name}";
    }

    // A member of a generic instantiation (List<Reading>.Add) has a TypeSpec parent: its blob
    // starts with GENERICINST, then CLASS or VALUETYPE and the generic type's handle.
    private static string ParentName(MetadataReader reader, EntityHandle parent)
    {
        if (parent.Kind == HandleKind.TypeReference)
        {
            return TypeName(reader, (TypeReferenceHandle)parent);
        }

        var blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
        if (blob.ReadSignatureTypeCode() == SignatureTypeCode.GenericTypeInstance)
        {
            blob.ReadSignatureTypeCode();
            var generic = blob.ReadTypeHandle();
            if (generic.Kind == HandleKind.TypeReference)
            {
                return TypeName(reader, (TypeReferenceHandle)generic);
            }
        }

        return "(type specification)";
    }
}
