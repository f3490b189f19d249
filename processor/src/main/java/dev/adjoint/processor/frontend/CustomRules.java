package dev.adjoint.processor.frontend;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Anchor;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.rules.CustomRule;
import dev.adjoint.processor.rules.GeneralRule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The users' derivative rules ({@code @DerivativeOf}): read and checked from this build's sources
 * (the partials form here, the general form's two methods told apart by {@link RuleForms}), and
 * found in jars on the class path that were compiled with the processor ({@link RuleIndex}). A
 * later build that calls {@code C.g} reads the index of {@code C.g} only, so no class is scanned
 * and no rule is loaded that no call needs.
 */
public final class CustomRules {
  static final String DERIVATIVE_OF = "dev.adjoint.DerivativeOf";

  private final Elements elements;
  private final Types types;
  private final Trees trees;
  private final Reporter reporter;
  private final RuleForms forms;
  private final RuleIndex index;
  /** Partials rules of this build and of jars, by {@link #key}. */
  private final Map<String, CustomRule> known = new HashMap<>();
  /** General-form rules of this build and of jars, by {@link #key}. */
  private final Map<String, GeneralRule> general = new HashMap<>();
  /** Targets whose class-path index has been read already (found or not). */
  private final Map<String, Boolean> indexRead = new HashMap<>();

  public CustomRules(Elements elements, Types types, Trees trees, Filer filer, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.trees = trees;
    this.reporter = reporter;
    this.forms = new RuleForms(types);
    this.index = new RuleIndex(elements, filer, reporter, this::partialsDerivatives);
  }

  /** Reads, checks and records this round's rules, and writes their index for later builds. */
  public void collect(RoundEnvironment round) {
    TypeElement annotation = elements.getTypeElement(DERIVATIVE_OF);
    if (annotation == null) {
      return;
    }
    Map<String, List<String>> indexLines = new HashMap<>();
    Map<String, Map<RuleForms.Form, Half>> halves = new LinkedHashMap<>();
    for (Element e : round.getElementsAnnotatedWith(annotation)) {
      if (!(e instanceof ExecutableElement method) || e.getKind() != ElementKind.METHOD) {
        continue;
      }
      Stated read = read(method);
      if (read instanceof Half half) {
        Half earlier = halves.computeIfAbsent(half.key(), k -> new EnumMap<>(RuleForms.Form.class))
            .putIfAbsent(half.form(), half);
        if (earlier != null || general.containsKey(half.key())) {
          reporter.error(at(method), Message.RULE_SIGNATURE, half.shown(), "another @DerivativeOf method already"
              + " gives its " + half.form().word + ": " + (earlier != null ? earlier.method().getSimpleName()
              : half.form() == RuleForms.Form.TANGENT ? general.get(half.key()).tangent().shown()
              : general.get(half.key()).pullback().shown()));
        }
        continue;
      }
      if (!(read instanceof Partials partialsRule)) {
        continue;
      }
      CustomRule rule = partialsRule.rule();
      String key = key(rule.target(), rule.parameterTypes());
      if (known.containsKey(key)) {
        reporter.error(at(method), Message.RULE_SIGNATURE, rule.target(),
            "another @DerivativeOf method already gives it: " + known.get(key).partialsMethod());
        continue;
      }
      known.put(key, rule);
      // This build's rules win; its own index (in the class output, often on the class path too) is
      // not read back: javac refuses to open for reading a file it is writing.
      indexRead.put(rule.target(), Boolean.TRUE);
      indexLines.computeIfAbsent(rule.target(), t -> new ArrayList<>()).add(RuleIndex.line(rule));
    }
    for (Map<RuleForms.Form, Half> pair : halves.values()) {
      GeneralRule rule = pair(pair);
      if (rule != null) {
        general.put(key(rule.target(), rule.parameterTypes()), rule);
        indexRead.put(rule.target(), Boolean.TRUE);
        List<String> lines = indexLines.computeIfAbsent(rule.target(), t -> new ArrayList<>());
        lines.add(RuleIndex.line(rule.parameterTypes(), RuleForms.Form.TANGENT, rule.tangent()));
        lines.add(RuleIndex.line(rule.parameterTypes(), RuleForms.Form.PULLBACK, rule.pullback()));
      }
    }
    for (Map.Entry<String, List<String>> entry : indexLines.entrySet()) {
      index.write(entry.getKey(), entry.getValue());
    }
  }

  /** What one annotated method states: a partials rule, or one method of a general-form rule. */
  private sealed interface Stated permits Partials, Half {}

  private record Partials(CustomRule rule) implements Stated {}

  /** One method of a general-form rule, waiting for the other. */
  private record Half(String key, String shown, List<Type> parameterTypes, Type returnType, ExecutableElement target,
      RuleForms.Form form, ExecutableElement method) implements Stated {
    GeneralRule.Method ref() {
      return new GeneralRule.Method(((TypeElement) method.getEnclosingElement()).getQualifiedName().toString(),
          method.getSimpleName().toString());
    }
  }

  /** The general-form rule the tangent and pullback make, or null after reporting the one that is missing. */
  private GeneralRule pair(Map<RuleForms.Form, Half> pair) {
    Half tangent = pair.get(RuleForms.Form.TANGENT);
    Half pullback = pair.get(RuleForms.Form.PULLBACK);
    if (tangent != null && pullback != null) {
      return new GeneralRule(tangent.shown(), tangent.parameterTypes(), tangent.returnType(), tangent.ref(),
          pullback.ref());
    }
    Half given = tangent != null ? tangent : pullback;
    RuleForms.Form missing = given.form().other();
    reporter.error(at(given.method()), Message.RULE_INCOMPLETE, given.form().word, given.shown(), missing.word,
        forms.signature(given.target(), missing, given.method()));
    return null;
  }

  /** The partials rule for calls of {@code target}, or null. */
  public CustomRule find(ExecutableElement target) {
    String key = lookUp(target);
    return key == null ? null : known.get(key);
  }

  /** The general-form rule for calls of {@code target}, or null. */
  public GeneralRule findGeneral(ExecutableElement target) {
    String key = lookUp(target);
    return key == null ? null : general.get(key);
  }

  /** The key of {@code target}'s rules, its index read first, or null when no rule can exist for it. */
  private String lookUp(ExecutableElement target) {
    String owner = ((TypeElement) target.getEnclosingElement()).getQualifiedName().toString();
    String name = owner + "." + target.getSimpleName();
    List<Type> parameterTypes = new ArrayList<>();
    for (VariableElement p : target.getParameters()) {
      Type t = JavaTypes.toIr(p.asType());
      if (t == null) {
        return null; // a parameter type the IR has no name for: no rule can have been written for it
      }
      parameterTypes.add(t);
    }
    if (!indexRead.containsKey(name)) {
      indexRead.put(name, Boolean.TRUE);
      readIndex(name, JavaTypes.toIr(target.getReturnType()));
    }
    return key(name, parameterTypes);
  }

  // ---- one rule -----------------------------------------------------------------------------

  /** The rule a method states, or null after reporting why it states none. */
  private Stated read(ExecutableElement partials) {
    AnnotationMirror mirror = Annotations.find(partials, DERIVATIVE_OF);
    TypeElement owner = targetClass(mirror);
    String method = stringValue(mirror, "method");
    String shown = (owner == null ? "?" : owner.getQualifiedName()) + "." + method;
    SourcePos pos = at(partials);
    if (owner == null || method == null) {
      reporter.error(pos, Message.RULE_TARGET_MISSING, shown, "name the class with value = C.class and the method with"
          + " method = \"g\"");
      return null;
    }
    List<ExecutableElement> candidates = ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().contentEquals(method) && m.getModifiers().contains(Modifier.STATIC))
        .toList();
    if (candidates.isEmpty()) {
      reporter.error(pos, Message.RULE_TARGET_MISSING, shown, owner.getSimpleName() + " has no static method named "
          + method);
      return null;
    }
    List<RuleForms.Fit> fits = forms.fits(partials, candidates);
    if (fits.size() == 1) {
      return half(partials, fits.get(0), shown, pos);
    }
    if (fits.size() > 1) {
      String each = fits.stream().map(f -> f.form().word + " " + forms.signature(f.target(), f.form(), partials))
          .collect(Collectors.joining(", or a "));
      reporter.error(pos, Message.RULE_SIGNATURE, shown, "its parameter types fit more than one form (a " + each
          + "); name its first parameter after " + method + "'s parameters ...Dot for a tangent or ...Bar for a"
          + " pullback");
      return null;
    }
    ExecutableElement target = candidates.stream().filter(c -> sameParameters(c, partials)).findFirst().orElse(null);
    String expected = expectedSignature(candidates.get(0), partials);
    if (target == null) {
      String lists = candidates.stream().map(CustomRules::parameterList).collect(Collectors.joining(" or "));
      reporter.error(pos, Message.RULE_SIGNATURE, shown, "its parameters must be exactly those of " + method + lists
          + ": " + expected);
      return null;
    }
    expected = expectedSignature(target, partials);
    if (forms.isGeneralTarget(target)) {
      reporter.error(pos, Message.RULE_SIGNATURE, shown, method + " has array parameters or an array result, so its"
          + " rule is the general form, not partials: " + forms.signatures(target, partials));
      return null;
    }
    if (target.getReturnType().getKind() != TypeKind.DOUBLE) {
      reporter.error(pos, Message.RULE_SIGNATURE, shown, method + " returns " + target.getReturnType()
          + ", and a partials rule is for methods returning double");
      return null;
    }
    if (target.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(pos, Message.RULE_SIGNATURE, shown, method + " is private, and generated code cannot call it");
      return null;
    }
    List<Type> parameterTypes = new ArrayList<>();
    int doubles = 0;
    for (VariableElement p : target.getParameters()) {
      Type t = JavaTypes.toIr(p.asType());
      if (t == null || (t.isDifferentiable() && !t.equals(Type.DOUBLE))) {
        reporter.error(pos, Message.RULE_SIGNATURE, shown, "parameter " + p.getSimpleName() + " of " + method
            + " has type " + p.asType() + "; a partials rule is for double and constant parameters, and the general"
            + " form for double, double[] and double[][] ones");
        return null;
      }
      doubles += t.equals(Type.DOUBLE) ? 1 : 0;
      parameterTypes.add(t);
    }
    TypeKind wanted = doubles == 1 ? TypeKind.DOUBLE : TypeKind.ARRAY;
    TypeMirror returned = partials.getReturnType();
    boolean returnOk = returned.getKind() == wanted
        && (wanted == TypeKind.DOUBLE || types.isSameType(returned, types.getArrayType(types.getPrimitiveType(TypeKind.DOUBLE))));
    if (doubles == 0 || !returnOk || !partials.getModifiers().contains(Modifier.STATIC)
        || partials.getModifiers().contains(Modifier.PRIVATE)) {
      String why = doubles == 0 ? method + " has no double parameter, so it has no derivative to give"
          : "it must be static, not private, and return " + (doubles == 1 ? "double" : "double[]") + ": " + expected;
      reporter.error(pos, Message.RULE_SIGNATURE, shown, why);
      return null;
    }
    String partialsOwner = ((TypeElement) partials.getEnclosingElement()).getQualifiedName().toString();
    return new Partials(new CustomRule(partialsOwner, partials.getSimpleName().toString(), parameterTypes, shown,
        partialsDerivatives(partials)));
  }

  /** One method of a general-form rule, or null after reporting why it cannot be one. */
  private Half half(ExecutableElement method, RuleForms.Fit fit, String shown, SourcePos pos) {
    String problem = forms.problem(method, fit);
    if (problem != null) {
      reporter.error(pos, Message.RULE_SIGNATURE, shown, problem);
      return null;
    }
    List<Type> parameterTypes = new ArrayList<>();
    for (VariableElement p : fit.target().getParameters()) {
      parameterTypes.add(JavaTypes.toIr(p.asType()));
    }
    return new Half(key(shown, parameterTypes), shown, parameterTypes, JavaTypes.toIr(fit.target().getReturnType()),
        fit.target(), fit.form(), method);
  }

  /**
   * The partials method's own generated derivatives, when it is {@code @Differentiable} with respect
   * to every {@code double} parameter (a restricted one would lose second-order terms), else null.
   */
  private MethodRef.DerivativeSignature partialsDerivatives(ExecutableElement partials) {
    if (!Annotations.has(partials, Annotations.DIFFERENTIABLE)) {
      return null;
    }
    MethodRef.DerivativeSignature d = new Signatures(elements, trees, types, null)
        .derivativesOf(partials);
    if (d == null || d.tangentMethod() == null) {
      return null;
    }
    for (int i = 0; i < partials.getParameters().size(); i++) {
      if (partials.getParameters().get(i).asType().getKind() == TypeKind.DOUBLE && !d.differentiable().get(i)) {
        return null;
      }
    }
    return d;
  }

  private boolean sameParameters(ExecutableElement a, ExecutableElement b) {
    if (a.getParameters().size() != b.getParameters().size()) {
      return false;
    }
    for (int i = 0; i < a.getParameters().size(); i++) {
      TypeMirror x = types.erasure(a.getParameters().get(i).asType());
      TypeMirror y = types.erasure(b.getParameters().get(i).asType());
      if (!types.isSameType(x, y)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code static double[] name(double x, int n)}: what the partials method should look like, or the
   * general form's two methods for a target that takes them.
   */
  private String expectedSignature(ExecutableElement target, ExecutableElement partials) {
    if (forms.isGeneralTarget(target)) {
      return forms.signatures(target, partials);
    }
    long doubles = target.getParameters().stream().filter(p -> p.asType().getKind() == TypeKind.DOUBLE).count();
    return "static " + (doubles == 1 ? "double" : "double[]") + " " + partials.getSimpleName() + parameterList(target);
  }

  /** {@code (double x, int n)}; only the types for a class compiled without parameter names ({@code arg0}). */
  private static String parameterList(ExecutableElement m) {
    boolean named = m.getParameters().stream().noneMatch(p -> p.getSimpleName().toString().matches("arg\\d+"));
    return m.getParameters().stream().map(p -> named ? p.asType() + " " + p.getSimpleName() : p.asType().toString())
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static TypeElement targetClass(AnnotationMirror mirror) {
    AnnotationValue value = Annotations.value(mirror, "value");
    if (value != null && value.getValue() instanceof DeclaredType type && type.asElement() instanceof TypeElement t) {
      return t;
    }
    return null;
  }

  private static String stringValue(AnnotationMirror mirror, String name) {
    AnnotationValue value = Annotations.value(mirror, name);
    return value != null && value.getValue() instanceof String s ? s : null;
  }

  /** The annotation itself, so that Maven's file:line points at it. */
  private SourcePos at(ExecutableElement partials) {
    TreePath path = trees.getPath(partials);
    if (path != null && path.getLeaf() instanceof MethodTree method) {
      for (AnnotationTree a : method.getModifiers().getAnnotations()) {
        String type = a.getAnnotationType().toString();
        if (type.equals("DerivativeOf") || type.equals(DERIVATIVE_OF)) {
          long start = trees.getSourcePositions().getStartPosition(path.getCompilationUnit(), a);
          long line = path.getCompilationUnit().getLineMap().getLineNumber(start);
          return new SourcePos(line, 0, a.toString(), new Anchor(a, path.getCompilationUnit(), partials));
        }
      }
    }
    return new SourcePos(0, 0, "", new Anchor(null, null, partials));
  }

  private static String key(String target, List<Type> parameterTypes) {
    return target + parameterTypes.stream().map(Type::toString).collect(Collectors.joining(",", "(", ")"));
  }

  private void readIndex(String target, Type returnType) {
    RuleIndex.Entries entries = index.read(target, returnType);
    for (CustomRule rule : entries.partials()) {
      known.putIfAbsent(key(target, rule.parameterTypes()), rule);
    }
    for (GeneralRule rule : entries.general()) {
      general.putIfAbsent(key(target, rule.parameterTypes()), rule);
    }
  }
}
