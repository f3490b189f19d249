package dev.adjoint.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Anchor;
import dev.adjoint.processor.diagnostics.JavacReporter;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.ir.SourcePos;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.adjoint.processor.frontend.CustomRules;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Entry point: finds {@code @Differentiable} methods and, for each class that has some, writes its
 * {@code <Class>Derivatives} companion. Each class is handled on its own: an error in one class
 * stops only that class's companion. Nothing escapes {@link #process}: an unexpected failure is
 * reported as an error on the method being differentiated.
 */
@AutoService(Processor.class)
public final class AdjointProcessor extends AbstractProcessor {
  static final String DIFFERENTIABLE = "dev.adjoint.Differentiable";
  static final String NO_DERIVATIVE = "dev.adjoint.NoDerivative";
  static final String DERIVATIVE_OF = "dev.adjoint.DerivativeOf";
  /** On every generated class. Claimed with ours so that -Xlint:processing stays quiet under -Werror. */
  static final String GENERATED = "javax.annotation.processing.Generated";

  private Trees trees;
  private JavacReporter reporter;
  /** The users' {@code @DerivativeOf} rules, gathered across rounds. */
  private CustomRules rules;
  private MethodInsights insights;
  /** Companions written so far, across rounds, and the class each belongs to: each is written once. */
  private final Map<String, String> written = new java.util.HashMap<>();

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    try {
      trees = Trees.instance(env);
    } catch (RuntimeException e) {
      env.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "Adjoint needs the javac compiler (it reads method bodies through the javac Trees API): " + e);
      return;
    }
    reporter = new JavacReporter(trees, env.getMessager());
    rules = new CustomRules(env.getElementUtils(), env.getTypeUtils(), trees, env.getFiler(), reporter);
    insights = new MethodInsights(ProcessorOptions.read(env.getOptions(), env.getMessager()), env.getMessager());
  }

  private static final Set<String> OURS = Set.of(DIFFERENTIABLE, NO_DERIVATIVE, DERIVATIVE_OF, GENERATED);

  /**
   * Every annotation: javac does not list {@code @Differentiable} methods of local and anonymous
   * classes among a round's annotations, and only a processor that is called for every round can
   * find them and report them instead of ignoring them in silence.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  /** {@code -Aadjoint.graphs=DIR} and {@code -Aadjoint.report}: see {@link ProcessorOptions}. */
  @Override
  public Set<String> getSupportedOptions() {
    return ProcessorOptions.SUPPORTED;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (trees == null) {
      return false;
    }
    generate(round);
    // Claim the annotations only when they are all ours: javac's -Xlint:processing warns about
    // annotations no processor claims, and a warning fails builds that use -Werror.
    return !annotations.isEmpty() && annotations.stream().allMatch(AdjointProcessor::claimable);
  }

  /** Ours, or the language's own ({@code @Override}, ...), which no processor handles. */
  private static boolean claimable(TypeElement annotation) {
    String name = annotation.getQualifiedName().toString();
    return OURS.contains(name) || name.startsWith("java.lang.") && name.lastIndexOf('.') == "java.lang".length();
  }

  private void generate(RoundEnvironment round) {
    try {
      // Rules first: the methods of this round may call their targets.
      rules.collect(round);
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(DIFFERENTIABLE);
      if (annotation == null) {
        return;
      }
      Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        if (e.getKind() == ElementKind.METHOD && e.getEnclosingElement() instanceof TypeElement owner) {
          byClass.computeIfAbsent(owner, k -> new java.util.ArrayList<>()).add((ExecutableElement) e);
        }
      }
      new LocalClassScanner(trees, reporter).scan(round);
      CompanionGenerator generator = new CompanionGenerator(processingEnv, trees, reporter, written, rules, insights);
      for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byClass.entrySet()) {
        generator.generate(entry.getKey(), entry.getValue());
      }
    } catch (RuntimeException | Error e) {
      // Never let an exception reach javac: it would print a stack trace instead of a message.
      reporter.error(new SourcePos(0, 0, "", new Anchor(null, null, null)), Message.INTERNAL_ERROR,
          "this compilation", e);
    }
  }
}
