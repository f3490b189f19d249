package dev.adjoint.processor.fuzz;

import com.google.testing.compile.Compilation;
import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.Param;
import dev.adjoint.processor.fuzz.Ast.Program;
import dev.adjoint.processor.fuzz.Shrinker.Candidate;
import dev.adjoint.processor.testing.Compiler;
import dev.adjoint.processor.testing.DerivativeCheck;
import dev.adjoint.processor.testing.InMemoryClassLoader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The differential tester: compiles generated programs in batches with the processor (no error,
 * no warning allowed), then checks each method with {@link DerivativeCheck} at random points, after
 * skipping points where finite differences are not stable (kinks, jumps, overflow). A failure is
 * printed with its seed and program, then shrunk and printed again.
 */
final class FuzzRunner {
  static final int POINTS = 3;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  final AtomicLong programs = new AtomicLong();
  final AtomicLong methods = new AtomicLong();
  final AtomicLong methodsChecked = new AtomicLong();
  final AtomicLong pointsChecked = new AtomicLong();
  final AtomicLong pointsSkipped = new AtomicLong();
  final AtomicLong loopsInPlace = new AtomicLong();
  final AtomicLong loadsMoved = new AtomicLong();
  /** CPU time of the threads running programs, which a busy machine disturbs less than wall time. */
  final AtomicLong cpuNanos = new AtomicLong();
  final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  /** Failing methods that pass once no method restricts its derivatives (see {@link #unrestrictedOutcome}). */
  final List<String> restrictionOnly = Collections.synchronizedList(new ArrayList<>());

  private final PrintStream out;
  private final long shrinkMillis;
  private final LongFunction<Program> generator;

  /** {@code generator}: the program of a seed. */
  FuzzRunner(PrintStream out, long shrinkMillis, LongFunction<Program> generator) {
    this.out = out;
    this.shrinkMillis = shrinkMillis;
    this.generator = generator;
  }

  /** A failure: what kind (stable under shrinking) and the full message. */
  record Failure(String category, String message) {}

  String summary() {
    return String.format("adjoint fuzz: programs run %d, methods %d (checked at >= 1 point: %d), points checked %d,"
            + " points skipped %d, failures %d; second order checked at %d points, unsettled differences at %d, none"
            + " generated (a kept call) at %d; loop adjoints run in place %d; loops with loads made before them %d;"
            + " CPU %.1f s",
        programs.get(), methods.get(), methodsChecked.get(), pointsChecked.get(), pointsSkipped.get(), failures.size(),
        DerivativeCheck.SECOND_ORDER_CHECKED.get(), DerivativeCheck.SECOND_ORDER_UNSETTLED.get(),
        DerivativeCheck.SECOND_ORDER_REFUSED.get(), loopsInPlace.get(), loadsMoved.get(), cpuNanos.get() / 1e9);
  }

  /** Runs the programs of {@code seeds}, {@code batch} classes per javac call, on {@code threads} threads. */
  void run(List<Long> seeds, int batch, int threads, long deadlineMillis) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < seeds.size(); i += batch) {
        List<Long> part = seeds.subList(i, Math.min(seeds.size(), i + batch));
        futures.add(pool.submit(() -> {
          if (System.currentTimeMillis() < deadlineMillis) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            try {
              runBatch(part);
            } catch (Throwable t) { // never lose the rest of a long hunt
              failures.add("seeds " + part + ": tester crashed: " + t);
              t.printStackTrace(out);
            } finally {
              cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  void runBatch(List<Long> seeds) {
    List<Program> ps = new ArrayList<>();
    for (long s : seeds) {
      ps.add(generator.apply(s));
    }
    Compilation c = compile(ps);
    if (clean(c)) {
      countLoopsReversedInPlace(c);
      InMemoryClassLoader loader = new InMemoryClassLoader(c, FuzzRunner.class.getClassLoader());
      for (Program p : ps) {
        checkProgram(p, loader);
      }
      return;
    }
    for (Program p : ps) { // find the culprits one by one
      Compilation single = compile(List.of(p));
      if (clean(single)) {
        checkProgram(p, new InMemoryClassLoader(single, FuzzRunner.class.getClassLoader()));
      } else {
        programs.incrementAndGet();
        methods.addAndGet(p.methods.stream().filter(m -> !m.isHelper()).count());
        compileFailure(p, single);
      }
    }
  }

  /**
   * Counts the generated loops that run each iteration's adjoint in place, and the loops whose
   * invariant loads are made before them (in the forward sweeps), to show the hunt reaches them.
   */
  private void countLoopsReversedInPlace(Compilation c) {
    for (JavaFileObject f : c.generatedSourceFiles()) {
      String text = Compiler.contents(f);
      loopsInPlace.addAndGet(occurrences(text, IN_PLACE));
      loadsMoved.addAndGet(occurrences(text, LOADS_MOVED));
    }
  }

  private static int occurrences(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }

  private static final String IN_PLACE = "adjoint of this iteration, run right after it";
  private static final String LOADS_MOVED = "// the loads of the loop below that do not change in it";

  // ---- compilation ----------------------------------------------------------------------------

  static Compilation compile(List<Program> ps) {
    JavaFileObject[] files = new JavaFileObject[ps.size()];
    for (int i = 0; i < files.length; i++) {
      files[i] = Compiler.source(ps.get(i).qualifiedName(), ps.get(i).source());
    }
    return Compiler.compile(files);
  }

  static boolean clean(Compilation c) {
    return c.status() == Compilation.Status.SUCCESS && c.errors().isEmpty() && c.warnings().isEmpty();
  }

  /** Stable description of why a compilation was not clean. */
  static String compileCategory(Compilation c) {
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING
          || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
        String file = d.getSource() == null ? "" : d.getSource().getName();
        String msg = d.getMessage(null);
        String firstLine = msg.lines().findFirst().orElse("");
        if (file.endsWith("Derivatives.java")) {
          return "generated code: " + d.getKind() + " " + firstLine.replaceAll("[A-Za-z_][A-Za-z0-9_]*\\d", "#");
        }
        return d.getKind() + " " + firstLine.replaceAll("\\b[a-z]+\\d+\\b", "#").replaceAll("\\bP\\d+\\b", "#");
      }
    }
    return "compilation failed with no diagnostic";
  }

  static String diagnostics(Compilation c, boolean withGenerated) {
    StringBuilder b = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      b.append(d).append('\n');
    }
    if (withGenerated) {
      List<JavaFileObject> generated;
      try {
        generated = c.generatedSourceFiles();
      } catch (IllegalStateException e) { // compile-testing keeps them only when compilation succeeded
        generated = List.of();
        b.append("(generated sources unavailable: the compilation failed; the diagnostics above quote the lines)\n");
      }
      for (JavaFileObject f : generated) {
        b.append("---- generated ").append(f.getName()).append('\n').append(Compiler.contents(f));
      }
    }
    return b.toString();
  }

  private void compileFailure(Program p, Compilation c) {
    String category = compileCategory(c);
    StringBuilder report = new StringBuilder();
    report.append("\n==== FUZZ FAILURE: seed ").append(p.seed).append(" does not compile cleanly: ").append(category).append('\n');
    report.append(p.source()).append(diagnostics(c, false));
    Candidate small = shrinkMillis <= 0 ? new Candidate(p, null, null) : Shrinker.shrink(new Candidate(p, null, null), cand -> {
      Compilation cc = compile(List.of(cand.program()));
      return !clean(cc) && compileCategory(cc).equals(category);
    }, shrinkMillis, 400);
    Compilation cc = compile(List.of(small.program()));
    report.append("---- shrunk (").append(small.program().size()).append(" nodes, from ").append(p.size()).append("):\n")
        .append(small.program().source()).append(diagnostics(cc, true));
    failures.add("seed " + p.seed + ": " + category);
    out.println(report);
    out.flush();
  }

  // ---- checking ---------------------------------------------------------------------------------

  private void checkProgram(Program p, ClassLoader loader) {
    programs.incrementAndGet();
    Class<?> owner;
    Class<?> companion;
    try {
      owner = Class.forName(p.qualifiedName(), true, loader);
      companion = Class.forName(p.qualifiedName() + "Derivatives", true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
    for (int mi = 0; mi < p.methods.size(); mi++) {
      Method m = p.methods.get(mi);
      if (m.isHelper()) {
        continue; // unannotated: checked through the methods that call it
      }
      methods.incrementAndGet();
      Random points = new Random(p.seed * 1_000_003L + mi);
      boolean checked = false;
      for (int k = 0; k < POINTS; k++) {
        Object[] args = point(m, points);
        long checkSeed = p.seed * 31 + mi * 7 + k;
        Outcome o = check(owner, companion, m.name, args, checkSeed);
        if (o.skipped) {
          pointsSkipped.incrementAndGet();
          continue;
        }
        pointsChecked.incrementAndGet();
        checked = true;
        if (o.failure != null) {
          checkFailure(p, m, args, checkSeed, o.failure);
          break;
        }
      }
      if (checked) {
        methodsChecked.incrementAndGet();
      }
    }
  }

  static Object[] point(Method m, Random r) {
    Object[] args = new Object[m.params.size()];
    for (int i = 0; i < args.length; i++) {
      Param p = m.params.get(i);
      args[i] = switch (p.ty()) {
        case D -> coordinate(r);
        case A -> {
          double[] a = new double[1 + r.nextInt(4)];
          for (int j = 0; j < a.length; j++) {
            a[j] = coordinate(r);
          }
          yield a;
        }
        default -> r.nextInt(4);
      };
    }
    return args;
  }

  private static double coordinate(Random r) {
    return Math.round((r.nextDouble() * 3 - 1.5) * 1e6) / 1e6;
  }

  record Outcome(boolean skipped, Failure failure) {}

  private static final Outcome OK = new Outcome(false, null);
  private static final Outcome SKIP = new Outcome(true, null);

  static Outcome check(Class<?> owner, Class<?> companion, String name, Object[] args, long seed) {
    return check(owner, companion, name, args, seed, true);
  }

  /** Checks one method at one point; with {@code screen}, skips points where f is not smooth enough. */
  static Outcome check(Class<?> owner, Class<?> companion, String name, Object[] args, long seed, boolean screen) {
    DifferentiableMethod dm;
    try {
      dm = Derivatives.of(owner, name);
    } catch (RuntimeException e) {
      return new Outcome(false, new Failure("no derivatives registered", e.toString()));
    }
    try {
      if (screen && !stable(dm, args)) {
        return SKIP;
      }
    } catch (Throwable t) {
      Throwable root = root(t);
      return new Outcome(false, new Failure("the original method throws " + root.getClass().getSimpleName()
          + " (a generator bug)", root.toString()));
    }
    try {
      new DerivativeCheck(dm, companion, seed).at(copy(args));
      return OK;
    } catch (Throwable t) {
      Failure f = classify(t);
      if (nonFiniteReverse(f)) {
        Boolean forward = forwardMatchesDifferences(dm, args);
        if (forward != null) {
          f = new Failure(forward ? ZERO_TIMES_INFINITY : BOTH_NON_FINITE, f.message());
        }
      }
      return new Outcome(false, f);
    }
  }

  /**
   * The label of a non-finite gradient where forward mode is finite and right: IEEE 0 * infinity,
   * where a value overflowed but its adjoint is 0 at this point (an element the caller does not
   * read, a loop that runs no times). Still a failure; the label saves the triage.
   */
  static final String ZERO_TIMES_INFINITY =
      "reverse mode NaN where forward mode matches finite differences (0 * infinity at an overflowed value)";
  /** Both modes non-finite where the function is smooth: the chain rule met 0 * infinity in a live value. */
  static final String BOTH_NON_FINITE =
      "reverse and forward mode NaN where finite differences are finite (0 * infinity in the chain rule)";

  private static boolean nonFiniteReverse(Failure f) {
    String m = f.message();
    return f.category().equals("reverse mode disagrees with finite differences")
        && (m.contains("reverse mode NaN") || m.contains("reverse mode Infinity") || m.contains("reverse mode -Infinity"));
  }

  /**
   * Whether one tangent per input coordinate matches central differences to 1e-4: true; false when
   * some tangent is not finite; null when a finite tangent disagrees (then the label would mislead).
   */
  private static Boolean forwardMatchesDifferences(DifferentiableMethod dm, Object[] args) {
    boolean nonFinite = false;
    try {
      for (int p = 0; p < args.length; p++) {
        if (!dm.isDifferentiable(p)) {
          continue;
        }
        int n = args[p] instanceof double[] a ? a.length : 1;
        for (int k = 0; k < n; k++) {
          double[] tangent = outputs(dm.tangent(copy(args), unitDirection(args, p, k)));
          double x = get(args[p], k);
          double[] fd = difference(dm, args, p, k, x, 1e-6 * Math.max(1.0, Math.abs(x)));
          if (fd == null || fd.length != tangent.length) {
            return null;
          }
          for (int i = 0; i < fd.length; i++) {
            if (!Double.isFinite(tangent[i])) {
              nonFinite = true;
            } else if (!(Math.abs(tangent[i] - fd[i]) <= 1e-4 * Math.max(1.0, Math.abs(fd[i])))) {
              return null;
            }
          }
        }
      }
      return !nonFinite;
    } catch (Throwable t) {
      return null;
    }
  }

  static Failure classify(Throwable t) {
    Throwable root = root(t);
    String msg = String.valueOf(root.getMessage());
    if (root instanceof AssertionError) {
      String[] known = {"value of the reverse-mode record", "value of the tangent record", "arguments after reverse mode",
          "arguments after forward mode", "entry for constant parameter", "gradient shape", "forward mode gives"};
      for (String k : known) {
        if (msg.startsWith(k)) {
          return new Failure(k.equals("forward mode gives") ? "forward and reverse mode disagree" : k, msg);
        }
      }
      if (msg.startsWith("d/d ")) {
        return new Failure("reverse mode disagrees with finite differences", msg);
      }
      if (msg.startsWith("(H v)")) {
        return new Failure("Hessian-vector product disagrees with differences of the gradient", msg);
      }
      if (msg.startsWith("Hessian not symmetric")) {
        return new Failure("Hessian-vector products not symmetric", msg);
      }
      return new Failure("assertion: " + msg.split("[:\\d]")[0], msg);
    }
    StackTraceElement top = root.getStackTrace().length > 0 ? root.getStackTrace()[0] : null;
    return new Failure("exception " + root.getClass().getName() + (top == null ? "" : " in " + top.getMethodName()),
        root + (top == null ? "" : " at " + top));
  }

  private static Throwable root(Throwable t) {
    while ((t instanceof InvocationTargetException || t instanceof java.lang.reflect.UndeclaredThrowableException
        || (t instanceof AssertionError && t.getCause() != null && t.getMessage() != null
            && t.getMessage().startsWith("java.lang.reflect"))) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  // ---- finite-difference stability ---------------------------------------------------------------

  /** Value bound and derivative bound beyond which a point is skipped. */
  private static final double BIG = 1e6;

  /**
   * Whether f is smooth enough at {@code args} for the finite-difference check: finite, moderate
   * values; for every coordinate and output, central differences with the check's step and with an
   * eight times larger step agree to 1e-7 (they disagree near a kink or a jump, or where the third
   * derivative is large); and no output is flat at both steps while a thousand times larger step
   * sees it move. That last one is absorption: {@code (x - 7.5e11) + 7.5e11} rounds every small
   * change of x away (the ulp of 7.5e11 is 1.2e-4), so finite differences give exactly 0 where the
   * derivative is 1. Reverse and forward mode are right there; the check cannot tell.
   */
  static boolean stable(DifferentiableMethod dm, Object[] args) {
    double[] v = outputs(dm.invoke(copy(args)));
    if (!moderate(v)) {
      return false;
    }
    for (int p = 0; p < args.length; p++) {
      if (!dm.isDifferentiable(p)) {
        continue;
      }
      int n = args[p] instanceof double[] a ? a.length : 1;
      for (int k = 0; k < n; k++) {
        double x = get(args[p], k);
        double h = 1e-6 * Math.max(1.0, Math.abs(x));
        double[] fd1 = difference(dm, args, p, k, x, h);
        double[] fd2 = difference(dm, args, p, k, x, 8 * h);
        if (fd1 == null || fd2 == null || fd1.length != v.length || fd2.length != v.length) {
          return false;
        }
        for (int i = 0; i < v.length; i++) {
          double scale = Math.max(1.0, Math.max(Math.abs(fd1[i]), Math.abs(fd2[i])));
          if (!(Math.abs(fd1[i] - fd2[i]) <= 1e-7 * scale) || Math.abs(fd1[i]) > BIG) {
            return false;
          }
        }
        if (absorbed(dm, args, p, k, x, h, fd1, fd2)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether some output does not change at all over steps h and 8h (bit for bit) but does over a
   * step of 1000h: its small changes are rounded away. A truly constant output stays constant.
   */
  private static boolean absorbed(DifferentiableMethod dm, Object[] args, int p, int k, double x, double h,
      double[] fd1, double[] fd2) {
    boolean flat = false;
    for (int i = 0; i < fd1.length; i++) {
      flat |= fd1[i] == 0 && fd2[i] == 0;
    }
    if (!flat) {
      return false;
    }
    double[] wide = difference(dm, args, p, k, x, 1000 * h);
    if (wide == null || wide.length != fd1.length) {
      return true;
    }
    for (int i = 0; i < fd1.length; i++) {
      // Any change at all: a truly constant output gives exactly 0 at every step.
      if (fd1[i] == 0 && fd2[i] == 0 && wide[i] != 0) {
        return true;
      }
    }
    return false;
  }

  private static double[] difference(DifferentiableMethod dm, Object[] args, int p, int k, double x, double h) {
    Object[] plus = copy(args);
    set(plus, p, k, x + h);
    Object[] minus = copy(args);
    set(minus, p, k, x - h);
    double[] a = outputs(dm.invoke(plus));
    double[] b = outputs(dm.invoke(minus));
    if (a.length != b.length || !moderate(a) || !moderate(b)) {
      return null;
    }
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (a[i] - b[i]) / (2 * h);
    }
    return d;
  }

  private static boolean moderate(double[] v) {
    for (double x : v) {
      if (!(Math.abs(x) <= BIG)) {
        return false;
      }
    }
    return true;
  }

  static double[] outputs(Object v) {
    return v instanceof double[] a ? a.clone() : new double[] {(Double) v};
  }

  static double get(Object a, int k) {
    return a instanceof double[] v ? v[k] : (Double) a;
  }

  static void set(Object[] args, int p, int k, double value) {
    if (args[p] instanceof double[] v) {
      v[k] = value;
    } else {
      args[p] = value;
    }
  }

  /** The direction of coordinate k of parameter p: zeros of the arguments' shapes and a 1 there. */
  static Object[] unitDirection(Object[] args, int p, int k) {
    Object[] direction = new Object[args.length];
    for (int q = 0; q < args.length; q++) {
      direction[q] = args[q] instanceof double[] a ? new double[a.length] : args[q] instanceof Double ? 0.0 : null;
    }
    set(direction, p, k, 1.0);
    return direction;
  }

  static Object[] copy(Object[] args) {
    Object[] c = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      c[i] = args[i] instanceof double[] a ? a.clone() : args[i];
    }
    return c;
  }

  // ---- reporting and shrinking ------------------------------------------------------------------

  private void checkFailure(Program p, Method m, Object[] args, long checkSeed, Failure f) {
    StringBuilder report = new StringBuilder();
    report.append("\n==== FUZZ FAILURE: seed ").append(p.seed).append(", method ").append(m.name).append(" at ")
        .append(Arrays.deepToString(args)).append(": ").append(f.category()).append("\n  ").append(f.message()).append('\n');
    Outcome lifted = unrestrictedOutcome(new Candidate(p, m.name, args), checkSeed);
    boolean restrictionOnlyFailure = lifted != null && lifted.failure() == null;
    if (restrictionOnlyFailure) {
      report.append("  (passes once no method restricts its derivatives: a derivative lost through a parameter a callee"
          + " does not differentiate)\n");
    } else if (lifted != null) {
      report.append("  (fails also once no method restricts its derivatives: ").append(lifted.failure().message()).append(")\n");
    }
    report.append(p.source());
    boolean needsStable = f.category().startsWith("reverse mode disagrees");
    Candidate small = shrinkMillis <= 0 ? new Candidate(p, m.name, args) : Shrinker.shrink(new Candidate(p, m.name, args), cand -> {
      Failure g = checkAlone(cand, checkSeed, needsStable);
      return g != null && g.category().equals(f.category());
    }, shrinkMillis, 400);
    Failure last = checkAlone(small, checkSeed, needsStable);
    report.append("---- shrunk (").append(small.program().size()).append(" nodes, from ").append(p.size())
        .append("), method ").append(m.name).append(" at ").append(Arrays.deepToString(small.args())).append(":\n")
        .append(small.program().source())
        .append("  -> ").append(last == null ? "(no longer fails?)" : last.message()).append('\n');
    Compilation c = compile(List.of(small.program()));
    report.append(triageTable(small, c));
    report.append(diagnostics(c, true));
    String failure = "seed " + p.seed + " method " + m.name + ": " + f.category();
    failures.add(failure + (restrictionOnlyFailure ? " (through restricted callee parameters only)" : ""));
    if (restrictionOnlyFailure) {
      restrictionOnly.add(failure);
    }
    out.println(report);
    out.flush();
  }

  /** The shrunk method's {@link JacobianTable}, or why there is none. */
  private static String triageTable(Candidate small, Compilation c) {
    if (!clean(c)) {
      return "";
    }
    StringBuilder b = new StringBuilder("---- Jacobian of the shrunk method, entry by entry:\n");
    try {
      InMemoryClassLoader loader = new InMemoryClassLoader(c, FuzzRunner.class.getClassLoader());
      Class<?> owner = Class.forName(small.program().qualifiedName(), true, loader);
      for (String line : JacobianTable.of(Derivatives.of(owner, small.target()), small.args())) {
        b.append("  ").append(line).append('\n');
      }
    } catch (Throwable t) { // the report must still be printed
      b.append("  (no table: ").append(root(t)).append(")\n");
    }
    return b.toString();
  }

  /** Compiles one candidate and checks its target method at its arguments; null when it passes. */
  static Failure checkAlone(Candidate cand, long seed, boolean needsStable) {
    Outcome o = outcomeAlone(cand, seed, needsStable);
    if (o == null || (needsStable && o.skipped())) {
      return null;
    }
    return o.failure();
  }

  /** The outcome of checking one candidate's target method at its arguments; null when it does not compile cleanly. */
  private static Outcome outcomeAlone(Candidate cand, long seed, boolean screen) {
    Compilation c = compile(List.of(cand.program()));
    if (!clean(c)) {
      return null;
    }
    try {
      InMemoryClassLoader loader = new InMemoryClassLoader(c, FuzzRunner.class.getClassLoader());
      Class<?> owner = Class.forName(cand.program().qualifiedName(), true, loader);
      Class<?> companion = Class.forName(cand.program().qualifiedName() + "Derivatives", true, loader);
      return check(owner, companion, cand.target(), cand.args(), seed, screen);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /**
   * The outcome of checking the failing method of a program with restricted methods at the same
   * point (unscreened) once no method restricts its derivatives; null for a program without
   * restrictions. When it passes, the failure is a derivative lost through a parameter some callee
   * does not differentiate as an entry point, which a caller in the same build must still get in full.
   */
  static Outcome unrestrictedOutcome(Candidate cand, long seed) {
    if (!cand.program().hasRestrictions()) {
      return null;
    }
    return outcomeAlone(new Candidate(cand.program().withoutRestrictions(), cand.target(), cand.args()), seed, false);
  }
}
