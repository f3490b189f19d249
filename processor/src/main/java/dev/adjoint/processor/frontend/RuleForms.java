package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The general form of {@code @DerivativeOf} (a tangent method and a pullback method the user writes),
 * told apart by the rule method's parameter list: which target and which form a rule method fits,
 * and the signatures a target's rules should have, for messages.
 *
 * <p>For {@code static R g(P1 p1, ..., Pn pn)}: a tangent method takes g's parameters followed by
 * one tangent per differentiable parameter ({@code double}, {@code double[]}, {@code double[][]}, in
 * order, of the same type) and returns R; a pullback method takes g's parameters, then {@code gBar}
 * of type R, then one accumulator per differentiable array parameter, and returns the adjoints of the
 * differentiable {@code double} parameters (void for none, double for one, double[] for several).
 * Where both forms have the same parameter types ({@code double g(double s, double[] x)}), the name
 * of the first parameter after g's decides: {@code ...Dot} is a tangent, {@code ...Bar} a pullback.
 */
final class RuleForms {
  enum Form {
    TANGENT("tangent"), PULLBACK("pullback");

    final String word;

    Form(String word) {
      this.word = word;
    }

    Form other() {
      return this == TANGENT ? PULLBACK : TANGENT;
    }
  }

  /** A rule method fits {@code target} in {@code form} (by its parameter list). */
  record Fit(ExecutableElement target, Form form) {}

  private final Types types;
  private final RecordShapes records;

  RuleForms(Types types) {
    this.types = types;
    this.records = new RecordShapes(types);
  }

  /**
   * Whether {@code target} takes general-form rules: it returns {@code double} or {@code double[]},
   * has an array parameter or an array result, a differentiable parameter, and only parameters of
   * types the IR has (no record that would be flattened).
   */
  boolean isGeneralTarget(ExecutableElement target) {
    Type result = JavaTypes.toIr(target.getReturnType());
    if (!Type.DOUBLE.equals(result) && !Type.DOUBLE_ARRAY.equals(result)) {
      return false;
    }
    boolean arrays = result.isArray();
    boolean differentiable = false;
    for (VariableElement p : target.getParameters()) {
      Type t = JavaTypes.toIr(p.asType());
      if (t == null || records.flattened(p.asType()) != null) {
        return false;
      }
      arrays |= t.isDifferentiable() && t.isArray();
      differentiable |= t.isDifferentiable();
    }
    return arrays && differentiable;
  }

  /** The forms whose parameter list {@code rule} has, for each general target among {@code candidates}. */
  List<Fit> fits(ExecutableElement rule, List<ExecutableElement> candidates) {
    List<Fit> fits = new ArrayList<>();
    for (ExecutableElement target : candidates) {
      if (!isGeneralTarget(target)) {
        continue;
      }
      for (Form form : Form.values()) {
        if (sameTypes(parameterTypes(rule), expectedParameters(target, form))) {
          fits.add(new Fit(target, form));
        }
      }
    }
    if (fits.size() == 2 && fits.get(0).target() == fits.get(1).target()) {
      // The same types in both forms: the first parameter after g's says which one is meant.
      String name = rule.getParameters().get(fits.get(0).target().getParameters().size()).getSimpleName().toString();
      Form named = name.endsWith("Dot") ? Form.TANGENT : name.endsWith("Bar") ? Form.PULLBACK : null;
      if (named != null) {
        return List.of(new Fit(fits.get(0).target(), named));
      }
    }
    return fits;
  }

  /** Why {@code rule}, which fits {@code fit} by its parameters, is not a valid rule method, or null. */
  String problem(ExecutableElement rule, Fit fit) {
    boolean returnOk = sameType(rule.getReturnType(), expectedReturn(fit.target(), fit.form()));
    if (!returnOk || !rule.getModifiers().contains(Modifier.STATIC) || rule.getModifiers().contains(Modifier.PRIVATE)) {
      return "as a " + fit.form().word + " rule it must be static, not private, and return "
          + expectedReturn(fit.target(), fit.form()) + ": " + signature(fit.target(), fit.form(), rule);
    }
    if (fit.target().getModifiers().contains(Modifier.PRIVATE)) {
      return fit.target().getSimpleName() + " is private, and generated code cannot call it";
    }
    return null;
  }

  /** {@code static double t(double[] x, int n, double[] xDot)}: a rule in {@code form} for {@code target}. */
  String signature(ExecutableElement target, Form form, ExecutableElement rule) {
    List<String> params = new ArrayList<>();
    boolean named = hasNames(target);
    for (VariableElement p : target.getParameters()) {
      params.add(named ? p.asType() + " " + p.getSimpleName() : p.asType().toString());
    }
    if (form == Form.PULLBACK) {
      params.add(named ? target.getReturnType() + " " + target.getSimpleName() + "Bar" : target.getReturnType().toString());
    }
    for (VariableElement p : target.getParameters()) {
      Type t = JavaTypes.toIr(p.asType());
      if (t != null && t.isDifferentiable() && (form == Form.TANGENT || t.isArray())) {
        String suffix = form == Form.TANGENT ? "Dot" : "Bar";
        params.add(named ? p.asType() + " " + p.getSimpleName() + suffix : p.asType().toString());
      }
    }
    return "static " + expectedReturn(target, form) + " " + rule.getSimpleName()
        + params.stream().collect(Collectors.joining(", ", "(", ")"));
  }

  /** Both rule signatures of a general target, for messages. */
  String signatures(ExecutableElement target, ExecutableElement rule) {
    return "a tangent " + signature(target, Form.TANGENT, rule) + " and a pullback "
        + signature(target, Form.PULLBACK, rule);
  }

  private static boolean hasNames(ExecutableElement m) {
    return m.getParameters().stream().noneMatch(p -> p.getSimpleName().toString().matches("arg\\d+"));
  }

  private List<TypeMirror> expectedParameters(ExecutableElement target, Form form) {
    List<TypeMirror> out = parameterTypes(target);
    if (form == Form.PULLBACK) {
      out.add(target.getReturnType());
    }
    for (VariableElement p : target.getParameters()) {
      Type t = JavaTypes.toIr(p.asType());
      if (t.isDifferentiable() && (form == Form.TANGENT || t.isArray())) {
        out.add(p.asType());
      }
    }
    return out;
  }

  private TypeMirror expectedReturn(ExecutableElement target, Form form) {
    if (form == Form.TANGENT) {
      return target.getReturnType();
    }
    long scalars = target.getParameters().stream().filter(p -> p.asType().getKind() == TypeKind.DOUBLE).count();
    TypeMirror d = types.getPrimitiveType(TypeKind.DOUBLE);
    return scalars == 0 ? types.getNoType(TypeKind.VOID) : scalars == 1 ? d : types.getArrayType(d);
  }

  private static List<TypeMirror> parameterTypes(ExecutableElement m) {
    List<TypeMirror> out = new ArrayList<>();
    for (VariableElement p : m.getParameters()) {
      out.add(p.asType());
    }
    return out;
  }

  private boolean sameTypes(List<TypeMirror> a, List<TypeMirror> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!sameType(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean sameType(TypeMirror a, TypeMirror b) {
    if (a.getKind() == TypeKind.VOID || b.getKind() == TypeKind.VOID) {
      return a.getKind() == b.getKind();
    }
    return types.isSameType(types.erasure(a), types.erasure(b));
  }
}
