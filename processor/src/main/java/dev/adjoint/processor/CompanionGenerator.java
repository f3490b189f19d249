package dev.adjoint.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.DerivativeChecks;
import dev.adjoint.processor.analysis.LoopCarriedState;
import dev.adjoint.processor.diagnostics.Anchor;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.emit.BytecodeSize;
import dev.adjoint.processor.emit.CompanionWriter;
import dev.adjoint.processor.emit.DerivativeSet;
import dev.adjoint.processor.emit.HelperCopy;
import dev.adjoint.processor.emit.RecordEntryPoints;
import dev.adjoint.processor.frontend.Frontend;
import dev.adjoint.processor.frontend.Signatures;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.GeneratedNames;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.transform.CallSpecialization;
import dev.adjoint.processor.transform.DeclarationsAtFirstAssignment;
import dev.adjoint.processor.frontend.CustomRules;
import dev.adjoint.processor.transform.ExitFlattening;
import dev.adjoint.processor.transform.ForwardTransform;
import dev.adjoint.processor.transform.Inliner;
import dev.adjoint.processor.transform.InvariantLoads;
import dev.adjoint.processor.transform.OutputArray;
import dev.adjoint.processor.transform.FirstAccumulations;
import dev.adjoint.processor.transform.ReverseTransform;
import dev.adjoint.processor.transform.SharedRuleCalls;
import dev.adjoint.processor.transform.SplitAdjoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/** Runs the pipeline for the {@code @Differentiable} methods of one class and writes its companion. */
final class CompanionGenerator {
  /** The pullbacks javadoc's words for two rows per reverse sweep. */
  private static final String PAIRED_ROWS = "the reverse sweep runs once per two rows, computing both rows' adjoints"
      + " side by side (a last row alone is paired with a row of zeros)";

  private final ProcessingEnvironment env;
  private final Trees trees;
  private final Reporter reporter;
  private final java.util.Map<String, String> written;
  private final Signatures signatures;
  private final CalleeBodies calleeBodies;
  private final MethodInsights insights;

  CompanionGenerator(ProcessingEnvironment env, Trees trees, Reporter reporter, java.util.Map<String, String> written,
      CustomRules rules, MethodInsights insights) {
    this.env = env;
    this.insights = insights;
    this.trees = trees;
    this.reporter = reporter;
    this.written = written;
    this.signatures = new Signatures(env.getElementUtils(), trees, env.getTypeUtils(), rules);
    this.calleeBodies = new CalleeBodies(env.getElementUtils(), trees, signatures);
  }

  void generate(TypeElement owner, List<ExecutableElement> methods) {
    String companion = signatures.companionOf(owner);
    String ownerName = owner.getQualifiedName().toString();
    String claimant = written.get(companion);
    if (ownerName.equals(claimant)) {
      return;
    }
    if (claimant != null || env.getElementUtils().getTypeElement(companion) != null) {
      String other = claimant != null ? "the companion of " + claimant : "a class of yours";
      reporter.error(at(owner), Message.GENERATED_NAME_CLASH,
          "Adjoint generates " + companion + " for " + ownerName + ", but that name is already taken by " + other);
      return;
    }
    int errorsBefore = reporter.errorCount();
    if (!isSupportedOwner(owner)) {
      for (ExecutableElement m : methods) {
        reporter.error(at(m), Message.ENCLOSING_NOT_SUPPORTED, describe(owner));
      }
      return;
    }
    List<DerivativeSet> sets = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> recordNames = new HashSet<>();
    Set<String> publicNames = new HashSet<>();
    for (ExecutableElement method : methods) {
      String name = method.getSimpleName().toString();
      publicNames.addAll(List.of(GeneratedNames.gradientMethod(name), GeneratedNames.pullbackMethod(name),
          GeneratedNames.tangentMethod(name), GeneratedNames.hessianVectorMethod(name)));
    }
    Specialisations specialisations = new Specialisations(companion, calleeBodies, publicNames);
    String sourceFile = sourceFileName(owner);
    for (ExecutableElement method : methods) {
      String name = method.getSimpleName().toString();
      if (!names.add(name)) {
        reporter.error(at(method), Message.DUPLICATE_NAME, owner.getSimpleName(), name);
        continue;
      }
      if (!recordNames.add(GeneratedNames.capitalized(name))) {
        reporter.error(at(method), Message.GENERATED_NAME_CLASH, "methods " + name + " and another method whose name "
            + "differs only in its first letter would both generate " + GeneratedNames.gradientRecord(name));
        continue;
      }
      try {
        DerivativeSet set = differentiate(owner, method, sourceFile, specialisations);
        if (set != null) {
          sets.add(set);
        }
      } catch (StackOverflowError e) {
        reporter.error(at(method), Message.TOO_DEEP);
      } catch (RuntimeException e) {
        reporter.error(at(method), Message.INTERNAL_ERROR, name, e);
      }
    }
    if (reporter.errorCount() > errorsBefore || sets.isEmpty()) {
      return;
    }
    List<HelperCopy> copies = new ArrayList<>();
    for (Specialisations.Request r = specialisations.next(); r != null; r = specialisations.next()) {
      try {
        if (r.names() == null) {
          copies.add(copy(r, specialisations));
          continue;
        }
        DerivativeSet set = specialise(r, specialisations);
        if (set != null) {
          sets.add(set);
        }
      } catch (StackOverflowError e) {
        reporter.error(at(owner), Message.TOO_DEEP);
      } catch (RuntimeException e) {
        reporter.error(at(owner), Message.INTERNAL_ERROR, r.callee().name(), e);
      }
    }
    if (reporter.errorCount() > errorsBefore) {
      return;
    }
    // Before second order, which differentiates the adjoints as they will be written.
    sets = withoutUnusedSplits(sets);
    sets = SecondOrder.addTo(sets, companion);
    // Last, once second order has read the reverse methods as the transforms made them.
    sets = sets.stream().map(set -> set.withEachMethod(SharedRuleCalls::apply)).toList();
    sets = MethodSizeLimits.apply(sets, reporter);
    if (reporter.errorCount() > errorsBefore) {
      return;
    }
    write(owner, companion, sets, copies);
  }

  private DerivativeSet differentiate(TypeElement owner, ExecutableElement method, String sourceFile,
      Specialisations specialisations) {
    Frontend frontend = new Frontend(trees, signatures, reporter);
    Function lowered = frontend.lower(owner, method);
    if (lowered == null) {
      return null;
    }
    Function f = lowered;
    Var output = null;
    if (lowered.returnType().equals(Type.VOID)) {
      // Decided on the method with its helpers inlined (their writes count), before the checks: an
      // output whose values on entry are held constant is still written with values that carry derivatives.
      Set<String> sourceParameters = new HashSet<>();
      method.getParameters().forEach(p -> sourceParameters.add(p.getSimpleName().toString()));
      output = OutputArray.find(lowered, Inliner.apply(lowered, owner.getQualifiedName().toString(), calleeBodies),
          sourceParameters, calleeBodies, reporter);
      if (output == null) {
        return null;
      }
      f = OutputArray.returning(lowered, output);
    }
    Activity activity = Activity.of(f);
    int before = reporter.errorCount();
    DerivativeChecks.check(f, activity, reporter);
    if (reporter.errorCount() > before) {
      return null;
    }
    DerivationTrace trace = insights.trace();
    DerivativeSet derived = derive(f, owner.getQualifiedName().toString(), sourceFile, signatures.derivativesOf(method),
        true, specialisations, trace);
    // The public signature is the source's: a void method keeps returning nothing, its result is the output array.
    DerivativeSet set = derived == null || output == null ? derived : derived.withSource(lowered, output.name());
    if (set != null) {
      insights.publish(owner, method, trace, set);
    }
    RecordEntryPoints records = RecordEntryPoints.of(method, lowered, signatures);
    if (set == null || !records.hasRecords()) {
      return set;
    }
    // The public methods take and return record parameters whole; the IR had their leaves.
    MethodRef.DerivativeSignature names = set.names();
    Type reverseRecord = Type.record(set.returnsVector() ? names.pullbackRecord() : names.gradientRecord());
    return set.withRecords(records, records.source(lowered), set.tangent(), reverseRecord)
        .withSource(records.source(lowered), set.output());
  }

  /**
   * A private copy of a callee's derivatives, with respect to the parameters the caller's arguments
   * make active. Its body is checked again: with more parameters active, a call inside it may now
   * need a derivative it does not have.
   */
  private DerivativeSet specialise(Specialisations.Request request, Specialisations specialisations) {
    Function body = calleeBodies.body(request.callee());
    List<Function.Parameter> params = new ArrayList<>();
    for (int i = 0; i < body.parameters().size(); i++) {
      Function.Parameter p = body.parameters().get(i);
      params.add(new Function.Parameter(p.var(), request.names().differentiable().get(i)));
    }
    Function f = new Function(body.name(), params, body.returnType(), body.body(), body.pos());
    int before = reporter.errorCount();
    DerivativeChecks.check(f, Activity.of(f), reporter);
    if (reporter.errorCount() > before) {
      return null;
    }
    return derive(f, request.callee().owner(), sourceFileOf(request.callee()), request.names(), false,
        specialisations, DerivationTrace.none());
  }

  /** The companion's own copy of a private helper, whose calls are redirected in turn where they must be. */
  private HelperCopy copy(Specialisations.Request request, Specialisations specialisations) {
    MethodRef callee = request.callee();
    Function body = calleeBodies.body(callee);
    List<Function.Parameter> params = new ArrayList<>();
    for (Function.Parameter p : body.parameters()) {
      params.add(new Function.Parameter(p.var(), false));
    }
    Function f = new Function(request.copyName(), params, body.returnType(), body.body(), body.pos());
    Function redirected = CallSpecialization.apply(f, Activity.of(f), specialisations, reporter);
    String simpleOwner = callee.owner().substring(callee.owner().lastIndexOf('.') + 1);
    return new HelperCopy(redirected, simpleOwner + "." + callee.name(), sourceFileOf(callee));
  }

  /** Each {@code @Checkpointed} loop's body must be one whose state a snapshot can hold. */
  private void checkCheckpointedLoops(Function f, Reporter reporter) {
    for (Stmt.Loop loop : LoopCarriedState.checkpointedLoops(f.body())) {
      String[] problem = LoopCarriedState.problem(loop);
      if (problem != null) {
        reporter.error(loop.checkpoint().marker(), Message.CHECKPOINT_MISPLACED, "is on a " + problem[0], problem[1]);
      }
    }
  }

  /**
   * Inlining, call specialisation, and both transforms, for a lowered method. When, with its
   * callees inlined, a derivative method would be too large for HotSpot to compile it (8,000 bytes
   * of bytecode) or for the JVM (64 KiB), it tries again with less inlined (halving what inlining
   * may add, down to nothing), and keeps the first attempt with no error that HotSpot compiles;
   * failing that, the first that the JVM takes, the first attempt before any other (a method
   * larger than 8,000 bytes with no callee left to keep runs interpreted: the cost report says so).
   * If none fits the JVM, the first attempt stands and its size is reported later.
   */
  private DerivativeSet derive(Function lowered, String ownerName, String sourceFile,
      MethodRef.DerivativeSignature names, boolean entryPoint, Specialisations specialisations,
      DerivationTrace trace) {
    DerivativeSet first = derive(lowered, ownerName, sourceFile, names, entryPoint, specialisations, trace,
        Inliner.MAX_TOTAL, reporter);
    if (first == null || MethodSizeLimits.compiled(first)) {
      return first;
    }
    int added = statements(trace.inlined()) - statements(lowered);
    if (added <= 0) {
      return first;
    }
    DerivativeSet fitting = MethodSizeLimits.fits(first) ? first : null;
    DerivationTrace fittingTrace = null;
    for (int budget = added / 2; ; budget /= 2) {
      DerivationTrace attempt = trace.fresh();
      CountingReporter quiet = new CountingReporter();
      DerivativeSet smaller;
      try {
        smaller = derive(lowered, ownerName, sourceFile, names, entryPoint, specialisations, attempt, budget, quiet);
      } catch (RuntimeException e) {
        smaller = null; // the first attempt stands; its own errors are the ones to report
      }
      if (smaller != null && quiet.errorCount() == 0 && MethodSizeLimits.compiled(smaller)) {
        trace.replaceWith(attempt);
        return smaller;
      }
      if (fitting == null && smaller != null && quiet.errorCount() == 0 && MethodSizeLimits.fits(smaller)) {
        fitting = smaller;
        fittingTrace = attempt;
      }
      if (budget == 0) {
        break;
      }
    }
    if (fitting != null && fittingTrace != null) {
      trace.replaceWith(fittingTrace);
    }
    return fitting != null ? fitting : first;
  }

  private static int statements(Function f) {
    int[] n = {0};
    dev.adjoint.processor.ir.Walk.statements(f.body(), s -> n[0]++);
    return n[0];
  }

  /** Counts errors and reports none: for an attempt that may be thrown away. */
  private static final class CountingReporter implements Reporter {
    private int errors;

    @Override
    public void error(dev.adjoint.processor.ir.SourcePos pos, Message message, Object... args) {
      errors++;
    }

    @Override
    public int errorCount() {
      return errors;
    }
  }

  /** One attempt of {@link #derive}: inlining adds at most {@code maxInlined} statements. */
  private DerivativeSet derive(Function lowered, String ownerName, String sourceFile,
      MethodRef.DerivativeSignature names, boolean entryPoint, Specialisations specialisations,
      DerivationTrace trace, int maxInlined, Reporter reporter) {
    Function inlined = Inliner.apply(lowered, ownerName, calleeBodies, trace.decisions(), maxInlined);
    trace.inlined(inlined);
    // Only now is it known which calls get no value with a derivative: a void helper may have made
    // an array active. Those calls stay plain calls, and their results constants.
    Function f = CallSpecialization.constantHelperCalls(inlined, Activity.of(inlined), calleeBodies);
    Activity activity = Activity.of(f);
    Function moved = InvariantLoads.apply(f, activity);
    if (moved != f) {
      f = moved;
      activity = Activity.of(f);
    }
    int before = reporter.errorCount();
    // Inlined bodies meet values their own checks did not see: a parameter they hold constant may
    // be active here.
    DerivativeChecks.check(f, activity, reporter);
    checkCheckpointedLoops(f, reporter);
    if (reporter.errorCount() > before || !checkRemainingCalls(f, activity, reporter)) {
      return null;
    }
    f = CallSpecialization.apply(f, activity, specialisations, reporter, trace.decisions());
    if (reporter.errorCount() > before) {
      return null;
    }
    trace.specialised(f);
    boolean vector = f.returnType().isArray();
    Function tangent = ForwardTransform.apply(f, activity, names.tangentMethod(), Type.record(names.tangentRecord()));
    Function flat = ExitFlattening.apply(f);
    Activity flatActivity = Activity.of(flat);
    String reverseName = vector ? names.pullbackMethod() : names.gradientMethod();
    String reverseRecord = vector ? names.pullbackRecord() : names.gradientRecord();
    Function reverse = FirstAccumulations.apply(
        ReverseTransform.apply(flat, flatActivity, reverseName, Type.record(reverseRecord), vector));
    Function adjoint = names.adjointMethod() == null ? null
        : FirstAccumulations.apply(ReverseTransform.applyAdjoint(flat, flatActivity, names.adjointMethod(), vector));
    DerivativeSet set = new DerivativeSet(lowered, tangent, reverse, adjoint, sourceFile, names, entryPoint);
    set = withSplitCalls(set, flat, flatActivity, reverseName, Type.record(reverseRecord), vector);
    if (!entryPoint || !vector) {
      return set;
    }
    // Several pullbacks (a Jacobian's rows) from one forward sweep, where the reverse sweep can run again.
    ReverseTransform.Rows rows = ReverseTransform.applyRows(flat, flatActivity, names.pullbackMethod() + "s",
        Type.record(names.pullbackRecord() + "s"));
    if (rows.shared() == null) {
      return set.withPullbacks(null, rows.whyNotShared());
    }
    // Two rows per reverse sweep where HotSpot still compiles the method (measured faster), one otherwise.
    Function paired = rows.paired() == null ? null
        : DeclarationsAtFirstAssignment.apply(FirstAccumulations.apply(rows.paired()));
    if (paired != null && BytecodeSize.isCompiled(paired)) {
      return set.withPullbacks(paired, PAIRED_ROWS);
    }
    return set.withPullbacks(DeclarationsAtFirstAssignment.apply(FirstAccumulations.apply(rows.shared())), null);
  }

  /**
   * An entry point's gradient calls the split adjoints of the callees that stay calls, where it calls
   * any ({@link SplitAdjoint}); a copy specialised to calls gets its adjoint's split parts, which are
   * written only if a gradient calls them ({@link #withoutUnusedSplits}).
   */
  private static DerivativeSet withSplitCalls(DerivativeSet set, Function flat, Activity activity, String reverseName,
      Type reverseRecord, boolean vector) {
    if (set.entryPoint()) {
      Function splitting = FirstAccumulations.apply(
          ReverseTransform.applySplittingCalls(flat, activity, reverseName, reverseRecord, vector));
      boolean callsParts = !SplitAdjoint.splitAdjointsCalled(splitting).isEmpty();
      return callsParts ? set.withSplitCalls(null, splitting, set.reverse()) : set;
    }
    if (set.adjoint() == null) {
      return set;
    }
    SplitAdjoint.Parts parts = SplitAdjoint.of(flat, activity, set.names().companion(), set.names().adjointMethod());
    DerivativeSet.SplitParts split = new DerivativeSet.SplitParts(FirstAccumulations.apply(parts.forward()),
        FirstAccumulations.apply(parts.reverse()), parts.whyNotSplit(), set.adjoint());
    // Split, the adjoint in one piece is the same code as its parts: every caller's derivatives agree to the bit.
    DerivativeSet withParts = parts.whole() == null ? set : set.withAdjoint(FirstAccumulations.apply(parts.whole()));
    return withParts.withSplitCalls(split, set.reverse(), null);
  }

  /**
   * The sets without the split parts that no written method calls: a callee's parts are made before
   * it is known whether a gradient calls them.
   */
  private static List<DerivativeSet> withoutUnusedSplits(List<DerivativeSet> sets) {
    Set<String> called = new HashSet<>();
    for (DerivativeSet set : sets) {
      for (Function f : new Function[] {set.reverse(), set.pullbacks()}) {
        if (f != null) {
          called.addAll(SplitAdjoint.splitAdjointsCalled(f));
        }
      }
    }
    return sets.stream()
        .map(set -> set.split() == null || called.contains(set.split().forward().name()) ? set : set.withoutSplit())
        .toList();
  }

  /**
   * A call that stayed a call (recursive, too large, or from a jar) of a callee that writes into an
   * array argument carrying derivatives: the write's derivative would be lost, so it is an error.
   */
  private boolean checkRemainingCalls(Function f, Activity activity, Reporter reporter) {
    boolean[] ok = {true};
    dev.adjoint.processor.ir.Walk.statements(f.body(), s -> {
      for (dev.adjoint.processor.ir.Expr e : dev.adjoint.processor.ir.Walk.expressions(s)) {
        dev.adjoint.processor.ir.Walk.nodes(e, node -> {
          if (node instanceof dev.adjoint.processor.ir.Expr.Invoke call && call.method().isDifferentiable()) {
            // Any active argument: the callee may write it into an array argument that was constant.
            boolean activeArgument = call.args().stream().anyMatch(activity::isActive);
            Function callee = calleeBodies.body(call.method());
            if (activeArgument && callee != null && dev.adjoint.processor.transform.ArrayWrites.writesParameter(callee, calleeBodies)) {
              reporter.error(call.pos(), Message.CALLEE_WRITES_ARGUMENT, call.method().name());
              ok[0] = false;
            }
            // A void @Differentiable method from a jar writes its result into an array argument, and its
            // public derivatives cannot carry that write here: refused rather than a silent zero.
            if (activeArgument && callee == null && call.method().returnType().equals(Type.VOID)
                && !calleeBodies.inThisBuild(call.method())) {
              String name = call.method().owner().substring(call.method().owner().lastIndexOf('.') + 1) + "."
                  + call.method().name();
              reporter.error(call.pos(), Message.JAR_CALLEE_WRITES_ARGUMENT, name, name);
              ok[0] = false;
            }
          }
        });
      }
    });
    return ok[0];
  }

  private void write(TypeElement owner, String companion, List<DerivativeSet> sets, List<HelperCopy> copies) {
    ClassName ownerName = ClassName.get(owner);
    String pkg = signatures.packageOf(owner);
    ClassName companionName = ClassName.get(pkg, companion.substring(pkg.isEmpty() ? 0 : pkg.length() + 1));
    boolean isPublic = owner.getModifiers().contains(Modifier.PUBLIC);
    JavaFile file = new CompanionWriter(ownerName, companionName, isPublic, owner, env.getElementUtils())
        .write(sets, copies, AdjointProcessor.class.getName());
    try {
      written.put(companion, owner.getQualifiedName().toString());
      file.writeTo(env.getFiler());
    } catch (IOException | RuntimeException e) {
      reporter.error(at(owner), Message.INTERNAL_ERROR, owner.getSimpleName(), "could not write " + companion + ": " + e);
    }
  }

  private static boolean isSupportedOwner(TypeElement owner) {
    if (owner.getNestingKind() == NestingKind.TOP_LEVEL) {
      return true;
    }
    if (owner.getNestingKind() != NestingKind.MEMBER) {
      return false;
    }
    boolean isStatic = owner.getModifiers().contains(Modifier.STATIC) || owner.getKind() != ElementKind.CLASS;
    return isStatic && owner.getEnclosingElement() instanceof TypeElement t && isSupportedOwner(t);
  }

  private static String describe(TypeElement owner) {
    switch (owner.getNestingKind()) {
      case LOCAL:
        return "the local class " + owner.getSimpleName();
      case ANONYMOUS:
        return "an anonymous class";
      default:
        return "the inner (non-static) class " + owner.getSimpleName();
    }
  }

  private SourcePos at(Element e) {
    com.sun.source.util.TreePath path = trees.getPath(e);
    if (path != null) {
      long start = trees.getSourcePositions().getStartPosition(path.getCompilationUnit(), path.getLeaf());
      long line = start < 0 ? 0 : path.getCompilationUnit().getLineMap().getLineNumber(start);
      return new SourcePos(line, 0, "", new Anchor(path.getLeaf(), path.getCompilationUnit(), e));
    }
    return new SourcePos(0, 0, "", new Anchor(null, null, e));
  }

  private String sourceFileOf(MethodRef callee) {
    TypeElement owner = env.getElementUtils().getTypeElement(callee.owner());
    return owner == null ? "" : sourceFileName(owner);
  }

  private String sourceFileName(TypeElement owner) {
    com.sun.source.util.TreePath path = trees.getPath(owner);
    if (path == null) {
      return owner.getSimpleName() + ".java";
    }
    String uri = path.getCompilationUnit().getSourceFile().getName();
    return uri.substring(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\')) + 1);
  }
}
