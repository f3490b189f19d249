package dev.adjoint.processor.frontend;

import com.sun.source.util.Trees;
import dev.adjoint.processor.ir.GeneratedNames;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.rules.CustomRule;
import dev.adjoint.processor.rules.GeneralRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Which parameters of a {@code @Differentiable} method are differentiable, and the names of its
 * generated derivatives: from the source when the method is compiled now, from its generated
 * companion class when it comes from a jar.
 */
public final class Signatures {
  private final Elements elements;
  private final Trees trees;
  private final RecordShapes records;

  private final CustomRules rules;

  public Signatures(Elements elements, Trees trees, javax.lang.model.util.Types types, CustomRules rules) {
    this.elements = elements;
    this.trees = trees;
    this.records = new RecordShapes(types);
    this.rules = rules;
  }

  /** The user's {@code @DerivativeOf} rule for calls of {@code method}, or null. */
  public CustomRule customRule(ExecutableElement method) {
    return rules == null ? null : rules.find(method);
  }

  /** The user's general-form {@code @DerivativeOf} rule (a tangent and a pullback) for calls of {@code method}, or null. */
  public GeneralRule generalRule(ExecutableElement method) {
    return rules == null ? null : rules.findGeneral(method);
  }

  /** How record values that can carry derivatives are flattened. */
  public RecordShapes records() {
    return records;
  }

  /** Whether javac declared an element implicitly (a record's canonical constructor when the source has none). */
  public boolean isMandated(Element e) {
    return elements.getOrigin(e) == Elements.Origin.MANDATED;
  }

  /** Package name of a class. */
  public String packageOf(TypeElement type) {
    return elements.getPackageOf(type).getQualifiedName().toString();
  }

  /** Fully qualified name of the companion class of {@code owner}. */
  public String companionOf(TypeElement owner) {
    List<String> names = new ArrayList<>();
    for (Element e = owner; e != null && !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    String pkg = packageOf(owner);
    String simple = GeneratedNames.companionSimpleName(names);
    return pkg.isEmpty() ? simple : pkg + "." + simple;
  }

  /**
   * Differentiable flags from the source annotations: {@code wrt} when given, otherwise every
   * parameter of a differentiable type without {@code @NoDerivative}. Invalid {@code wrt} names are
   * ignored here; {@link Frontend} reports them. A record parameter counts as differentiable
   * when one of its components can carry a derivative.
   */
  public List<Boolean> differentiableFromSource(ExecutableElement method) {
    AnnotationMirror ann = Annotations.find(method, Annotations.DIFFERENTIABLE);
    Set<String> wrt = ann == null ? Set.of() : new HashSet<>(Annotations.wrt(ann));
    List<Boolean> flags = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      Type t = JavaTypes.toIr(p.asType());
      boolean typeOk = t != null && t.isDifferentiable() || records.flattened(p.asType()) != null;
      boolean marked = Annotations.has(p, Annotations.NO_DERIVATIVE);
      boolean named = wrt.isEmpty() || wrt.contains(p.getSimpleName().toString());
      flags.add(typeOk && !marked && named);
    }
    return flags;
  }

  /**
   * The method's parameters as the IR has them: a record that can carry derivatives becomes one
   * parameter per leaf component, differentiable where the leaf can carry a derivative and the
   * record parameter is differentiable.
   */
  public List<FlatParameter> flatParameters(ExecutableElement method) {
    List<Boolean> flags = differentiableFromSource(method);
    List<FlatParameter> out = new ArrayList<>();
    for (int i = 0; i < method.getParameters().size(); i++) {
      VariableElement p = method.getParameters().get(i);
      String name = p.getSimpleName().toString();
      RecordShapes.Shape shape = records.flattened(p.asType());
      if (shape == null) {
        out.add(new FlatParameter(i, name, JavaTypes.toIr(p.asType()), flags.get(i)));
        continue;
      }
      for (RecordShapes.Leaf leaf : shape.leaves()) {
        out.add(new FlatParameter(i, leaf.variableName(name), leaf.type(),
            flags.get(i) && leaf.type().isDifferentiable()));
      }
    }
    return out;
  }

  /** One parameter of the IR: {@code source} is the index of the Java parameter it comes from. */
  public record FlatParameter(int source, String name, Type type, boolean differentiable) {}

  /** Whether some parameter of the method is a record that the IR flattens. */
  public boolean takesFlattenedRecord(ExecutableElement method) {
    return method.getParameters().stream().anyMatch(p -> records.flattened(p.asType()) != null);
  }

  /**
   * Whether the companion of {@code caller}, a class of the caller's package that is not a
   * subclass of anything the caller extends, can call {@code member} (a method) or name it (a class).
   */
  public boolean isVisibleToCompanion(Element member, TypeElement caller) {
    boolean samePackage = elements.getPackageOf(member).equals(elements.getPackageOf(caller));
    for (Element e = member; e instanceof ExecutableElement || e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = e.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE) || !samePackage && !modifiers.contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the companion of {@code caller} can call every static method named {@code name} of the
   * class {@code owner} (a user's rule method, known by name only when it comes from a jar index).
   */
  public boolean companionCanCall(String owner, String name, TypeElement caller) {
    TypeElement type = elements.getTypeElement(owner);
    return type != null && ElementFilter.methodsIn(type.getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().contentEquals(name))
        .allMatch(m -> isVisibleToCompanion(m, caller));
  }

  /** Whether the method's source is part of this compilation. */
  public boolean isInThisCompilation(ExecutableElement method) {
    return trees.getPath(method) != null;
  }

  /**
   * The derivative signature of a {@code @Differentiable} callee, or {@code null} when it comes
   * from a class file whose companion is not on the class path.
   */
  public MethodRef.DerivativeSignature derivativesOf(ExecutableElement callee) {
    TypeElement owner = (TypeElement) callee.getEnclosingElement();
    String companion = companionOf(owner);
    String name = callee.getSimpleName().toString();
    List<Boolean> flags;
    List<String> components = new ArrayList<>();
    if (isInThisCompilation(callee)) {
      flags = differentiableFromSource(callee);
      for (int i = 0; i < flags.size(); i++) {
        components.add(flags.get(i) ? callee.getParameters().get(i).getSimpleName().toString() : "");
      }
    } else {
      TypeElement companionType = elements.getTypeElement(companion);
      if (companionType == null) {
        return null;
      }
      flags = flagsFromCompanion(companionType, name, callee);
      if (flags == null) {
        return null;
      }
      // A void method's derivatives are those of its output array: a pullback, as for a double[] result.
      boolean vector = JavaTypes.toIr(callee.getReturnType()) == Type.DOUBLE_ARRAY
          || callee.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID;
      String recordName = vector ? GeneratedNames.pullbackRecord(name) : GeneratedNames.gradientRecord(name);
      List<String> names = recordComponents(companionType, recordName);
      if (names == null) {
        return null;
      }
      int next = 1; // component 0 is the value
      for (Boolean f : flags) {
        components.add(f && next < names.size() ? names.get(next++) : "");
      }
    }
    return new MethodRef.DerivativeSignature(
        companion,
        GeneratedNames.gradientMethod(name),
        companion + "." + GeneratedNames.gradientRecord(name),
        GeneratedNames.pullbackMethod(name),
        companion + "." + GeneratedNames.pullbackRecord(name),
        GeneratedNames.tangentMethod(name),
        companion + "." + GeneratedNames.tangentRecord(name),
        flags,
        components,
        null,
        null);
  }

  /**
   * In generated code every parameter of a differentiable type that is held constant carries
   * {@code @NoDerivative}, so the flags can be read back from a class file without parameter names.
   */
  private List<Boolean> flagsFromCompanion(TypeElement companion, String name, ExecutableElement callee) {
    for (ExecutableElement m : ElementFilter.methodsIn(companion.getEnclosedElements())) {
      String n = m.getSimpleName().toString();
      boolean derivative = n.equals(GeneratedNames.gradientMethod(name)) || n.equals(GeneratedNames.pullbackMethod(name));
      if (!derivative) {
        continue;
      }
      List<Boolean> flags = new ArrayList<>();
      for (int i = 0; i < callee.getParameters().size(); i++) {
        VariableElement p = m.getParameters().get(i);
        Type t = JavaTypes.toIr(p.asType());
        boolean typeOk = t != null && t.isDifferentiable() || records.flattened(p.asType()) != null;
        flags.add(typeOk && !Annotations.has(p, Annotations.NO_DERIVATIVE));
      }
      return flags;
    }
    return null;
  }

  private static List<String> recordComponents(TypeElement companion, String recordName) {
    for (Element e : companion.getEnclosedElements()) {
      if (e.getKind() == ElementKind.RECORD && e.getSimpleName().contentEquals(recordName)) {
        List<String> names = new ArrayList<>();
        for (RecordComponentElement c : ((TypeElement) e).getRecordComponents()) {
          names.add(c.getSimpleName().toString());
        }
        return names;
      }
    }
    return null;
  }
}
