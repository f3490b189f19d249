package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.diagnostics.Anchor;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.rules.CustomRule;
import dev.adjoint.processor.rules.GeneralRule;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The {@code @DerivativeOf} index that travels in jars: for each target {@code C.g} the resource
 * {@code META-INF/adjoint/rules/C.g} (C fully qualified), one line per rule method:
 * {@code (<parameter types>) <class> <method>} for a partials rule, {@code (<parameter types>)
 * tangent <class> <method>} and {@code (<parameter types>) pullback <class> <method>} for the two
 * methods of a general-form rule. A reader that knows only partials rules skips the other lines.
 */
final class RuleIndex {
  private static final String INDEX = "META-INF/adjoint/rules/";

  private final Elements elements;
  private final Filer filer;
  private final Reporter reporter;
  /** The generated derivatives of a partials method, for second order through it (or null). */
  private final Function<ExecutableElement, MethodRef.DerivativeSignature> partialsDerivatives;

  RuleIndex(Elements elements, Filer filer, Reporter reporter,
      Function<ExecutableElement, MethodRef.DerivativeSignature> partialsDerivatives) {
    this.elements = elements;
    this.filer = filer;
    this.reporter = reporter;
    this.partialsDerivatives = partialsDerivatives;
  }

  /** The rules the class path's index gives for one target. */
  record Entries(List<CustomRule> partials, List<GeneralRule> general) {}

  static String line(CustomRule rule) {
    return parameters(rule.parameterTypes()) + " " + rule.partialsOwner() + " " + rule.partialsMethod();
  }

  static String line(List<Type> parameterTypes, RuleForms.Form form, GeneralRule.Method method) {
    return parameters(parameterTypes) + " " + form.word + " " + method.owner() + " " + method.name();
  }

  private static String parameters(List<Type> parameterTypes) {
    return parameterTypes.stream().map(Type::toString).collect(Collectors.joining(",", "(", ")"));
  }

  void write(String target, List<String> lines) {
    try {
      FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", INDEX + target);
      try (Writer w = file.openWriter()) {
        for (String line : lines) {
          w.write(line);
          w.write('\n');
        }
      }
    } catch (IOException | RuntimeException e) {
      // Rules still apply in this build; only later builds would not find them.
      reporter.error(new SourcePos(0, 0, "", new Anchor(null, null, null)), Message.INTERNAL_ERROR,
          "the @DerivativeOf index for " + target, e);
    }
  }

  /** What the class path says about {@code target} (returning {@code returnType}); nothing when no jar has rules for it. */
  Entries read(String target, Type returnType) {
    CharSequence text;
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_PATH, "", INDEX + target);
      text = file.getCharContent(true);
    } catch (IOException | RuntimeException e) {
      return new Entries(List.of(), List.of()); // no jar on the class path has rules for it
    }
    List<CustomRule> partials = new ArrayList<>();
    Map<List<Type>, Map<RuleForms.Form, GeneralRule.Method>> halves = new LinkedHashMap<>();
    for (String line : text.toString().split("\n")) {
      partialsLine(target, line.trim()).ifPresent(partials::add);
      generalLine(line.trim()).ifPresent(half -> halves.computeIfAbsent(half.parameterTypes(),
          k -> new EnumMap<>(RuleForms.Form.class)).put(half.form(), half.method()));
    }
    List<GeneralRule> general = new ArrayList<>();
    for (Map.Entry<List<Type>, Map<RuleForms.Form, GeneralRule.Method>> pair : halves.entrySet()) {
      GeneralRule.Method tangent = pair.getValue().get(RuleForms.Form.TANGENT);
      GeneralRule.Method pullback = pair.getValue().get(RuleForms.Form.PULLBACK);
      if (tangent != null && pullback != null && returnType != null) {
        general.add(new GeneralRule(target, pair.getKey(), returnType, tangent, pullback));
      }
    }
    return new Entries(partials, general);
  }

  /** A general-form line of an index. */
  private record Half(List<Type> parameterTypes, RuleForms.Form form, GeneralRule.Method method) {}

  /** {@code (double[],int) tangent lib.Rules dNormTangent}, when the rule's method is on this class path. */
  private Optional<Half> generalLine(String line) {
    int close = line.indexOf(") ");
    List<Type> parameterTypes = close < 0 || !line.startsWith("(") ? null : types(line.substring(1, close));
    String[] where = parameterTypes == null ? new String[0] : line.substring(close + 2).split(" ");
    if (where.length != 3 || method(where[1], where[2], -1) == null) {
      return Optional.empty(); // not a general-form line, or its class is not on this class path after all
    }
    for (RuleForms.Form form : RuleForms.Form.values()) {
      if (form.word.equals(where[0])) {
        return Optional.of(new Half(parameterTypes, form, new GeneralRule.Method(where[1], where[2])));
      }
    }
    return Optional.empty();
  }

  private Optional<CustomRule> partialsLine(String target, String line) {
    int close = line.indexOf(") ");
    List<Type> parameterTypes = close < 0 || !line.startsWith("(") ? null : types(line.substring(1, close));
    String[] where = parameterTypes == null ? new String[0] : line.substring(close + 2).split(" ");
    if (where.length != 2 || elements.getTypeElement(where[0]) == null) {
      return Optional.empty(); // the rule's class is not on this class path after all
    }
    ExecutableElement partials = method(where[0], where[1], parameterTypes.size());
    return Optional.of(new CustomRule(where[0], where[1], parameterTypes, target,
        partials == null ? null : partialsDerivatives.apply(partials)));
  }

  /** The method {@code owner.name} (with {@code arity} parameters, any number for -1), or null. */
  private ExecutableElement method(String owner, String name, int arity) {
    TypeElement type = elements.getTypeElement(owner);
    if (type == null) {
      return null;
    }
    return ElementFilter.methodsIn(type.getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().contentEquals(name) && (arity < 0 || m.getParameters().size() == arity))
        .findFirst().orElse(null);
  }

  /** The types of an index line's parameter list, or null when one is not a type this build knows. */
  private static List<Type> types(String params) {
    List<Type> parameterTypes = new ArrayList<>();
    for (String name : params.isEmpty() ? new String[0] : params.split(",")) {
      Type t = type(name);
      if (t == null) {
        return null;
      }
      parameterTypes.add(t);
    }
    return parameterTypes;
  }

  /** The IR type an index line names (as {@link Type#toString} wrote it), or null. */
  private static Type type(String name) {
    for (Type t : List.of(Type.DOUBLE, Type.INT, Type.LONG, Type.BOOLEAN, Type.CHAR, Type.INT_ARRAY, Type.DOUBLE_ARRAY,
        Type.DOUBLE_MATRIX)) {
      if (t.toString().equals(name)) {
        return t;
      }
    }
    try {
      return Type.constant(ClassName.bestGuess(name));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
