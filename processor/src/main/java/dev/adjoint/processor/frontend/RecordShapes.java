package dev.adjoint.processor.frontend;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.adjoint.processor.ir.GeneratedNames;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The components of record types, as the IR sees a record value that can carry derivatives: one
 * variable per leaf component ({@code double}, an array, or any constant), nested records that can
 * carry derivatives flattened in turn, in declaration order. A record with no component that can
 * carry a derivative is not flattened: it is a constant object like any other.
 */
public final class RecordShapes {
  /**
   * A component: a leaf of its IR type, or ({@code nested} not null) a record that is flattened in
   * turn. {@code type} is the component's type as a member of the record type at hand (type
   * arguments applied).
   */
  public record Component(String name, Type type, Shape nested) {}

  /** A record type and its components; {@code type} spells it in generated code. */
  public record Shape(Type type, TypeElement element, List<Component> components) {
    /** Whether some leaf carries derivatives: only then is a value of this type flattened. */
    public boolean isDifferentiable() {
      return leaves().stream().anyMatch(l -> l.type().isDifferentiable());
    }

    /** The leaves, depth first in declaration order: the order of the flattened variables and of Jacobian columns. */
    public List<Leaf> leaves() {
      List<Leaf> out = new ArrayList<>();
      collect(List.of(), out);
      return out;
    }

    private void collect(List<String> prefix, List<Leaf> out) {
      for (Component c : components) {
        List<String> path = new ArrayList<>(prefix);
        path.add(c.name());
        if (c.nested() == null) {
          out.add(new Leaf(List.copyOf(path), c.type()));
        } else {
          c.nested().collect(path, out);
        }
      }
    }
  }

  /** A leaf component reached from the record by the accessors in {@code path}. */
  public record Leaf(List<String> path, Type type) {
    /** The flattened variable's name: {@code p} and {@code inner.w} give {@code pInnerW}. */
    public String variableName(String base) {
      StringBuilder name = new StringBuilder(base);
      path.forEach(p -> name.append(GeneratedNames.capitalized(p)));
      return name.toString();
    }
  }

  private final Types types;

  public RecordShapes(Types types) {
    this.types = types;
  }

  /** The shape of a record type that can carry derivatives, or null for any other type. */
  public Shape flattened(TypeMirror t) {
    Shape s = shape(t, new HashSet<>());
    return s != null && s.isDifferentiable() ? s : null;
  }

  private Shape shape(TypeMirror t, Set<String> open) {
    if (t == null || t.getKind() != TypeKind.DECLARED) {
      return null;
    }
    DeclaredType declared = (DeclaredType) t;
    TypeElement element = (TypeElement) declared.asElement();
    if (element.getKind() != ElementKind.RECORD || !open.add(element.getQualifiedName().toString())) {
      return null; // not a record, or one that contains itself: a constant
    }
    Type type = spelled(t);
    if (type == null) {
      return null;
    }
    List<Component> components = new ArrayList<>();
    for (RecordComponentElement rc : element.getRecordComponents()) {
      ExecutableElement accessor = rc.getAccessor();
      TypeMirror ct = ((ExecutableType) types.asMemberOf(declared, accessor)).getReturnType();
      String name = rc.getSimpleName().toString();
      if (mentionsTypeVariable(TypeName.get(accessor.getReturnType()))) {
        // A component of a type variable's type is a constant, whatever the type argument: the runtime,
        // which sees only the erased type, lays out Jacobian columns the same way.
        Type spelled = spelled(ct);
        components.add(new Component(name, spelled != null ? spelled : JavaTypes.toIr(types.erasure(ct)), null));
        continue;
      }
      Shape nested = shape(ct, open);
      if (nested != null && nested.isDifferentiable()) {
        components.add(new Component(name, nested.type(), nested));
        continue;
      }
      Type leaf = JavaTypes.toIr(ct);
      if (leaf == null) {
        return null;
      }
      components.add(new Component(name, leaf, null));
    }
    open.remove(element.getQualifiedName().toString());
    return new Shape(type, element, components);
  }

  /** The record type as generated code spells it, or null when it cannot be (a captured wildcard). */
  private static Type spelled(TypeMirror t) {
    try {
      TypeName name = TypeName.get(t);
      return mentionsTypeVariable(name) ? null : Type.constant(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean mentionsTypeVariable(TypeName name) {
    if (name instanceof TypeVariableName) {
      return true;
    }
    if (name instanceof com.palantir.javapoet.ParameterizedTypeName p) {
      return p.typeArguments().stream().anyMatch(RecordShapes::mentionsTypeVariable);
    }
    if (name instanceof com.palantir.javapoet.ArrayTypeName a) {
      return mentionsTypeVariable(a.componentType());
    }
    if (name instanceof com.palantir.javapoet.WildcardTypeName w) {
      return w.upperBounds().stream().anyMatch(RecordShapes::mentionsTypeVariable)
          || w.lowerBounds().stream().anyMatch(RecordShapes::mentionsTypeVariable);
    }
    return false;
  }
}
