package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Randomized differential testing of the processor: generated {@code @Differentiable} programs
 * ({@link ProgramGenerator}) are compiled with the processor and every method is checked at random
 * points: no processor error or warning, the value bit-identical to the original, reverse mode
 * against central finite differences, forward against reverse mode, and Hessian-vector products
 * against differences of the gradient and for symmetry ({@link FuzzRunner}). A failure
 * prints the seed and the program, then the program shrunk to a small one that still fails, and
 * the shrunk method's Jacobian entry by entry in both modes and by differences over a ladder of
 * steps ({@link JacobianTable}), which tells rounding from a wrong derivative.
 *
 * <p>The default run checks a fixed set of seeds (about 300 methods). A long hunt:
 *
 * <pre>
 * mvn -pl runtime,processor test -Dtest=RandomProgramsTest -Dsurefire.failIfNoSpecifiedTests=false -Dadjoint.fuzz.count=100000 -Dadjoint.fuzz.seed=1000000
 * </pre>
 *
 * runs {@code count} programs starting at seed {@code seed}; add {@code -Dadjoint.fuzz.minutes=15}
 * to stop starting new programs after that many minutes, and {@code -Dadjoint.fuzz.threads=N}
 * (default: the number of processors); {@code -Dadjoint.fuzz.shrinkSeconds=0} reports failures
 * without shrinking them; {@code -Dadjoint.fuzz.seeds=7,19,148} runs just those seeds. To replay one program, give its seed and a count of 1;
 * {@code -Dadjoint.fuzz.batch=N} compiles N programs a javac call (default 30: javac's fixed cost
 * a call is shared, and a batch that does not compile cleanly is recompiled one program at a time).
 * Each run ends with a summary line: programs run, methods checked, points skipped, failures, and
 * the CPU seconds of the threads that ran the programs.
 *
 * <p>Every program also holds restricted callees and their callers ({@link CallShapes}); {@code
 * -Dadjoint.fuzz.calls=false} leaves them out, which gives exactly the programs of the base
 * generator. A failure that goes away once no method restricts its derivatives is marked as one
 * "through restricted callee parameters only".
 */
class RandomProgramsTest {
  /**
   * Seeds 1..152: 152 programs, about 800 methods (about 300 from the base generator; switch
   * statements and expressions, output-array helpers and void entry points in about half of them).
   */
  private static final int DEFAULT_COUNT = 152;
  private static final long DEFAULT_FIRST_SEED = 1;

  /**
   * Seeds of the default range that found processor bugs (see the fuzz report); they stay out of
   * the default run until those are fixed, and can be replayed with -Dadjoint.fuzz.seed=S
   * -Dadjoint.fuzz.count=1.
   */
  static final Set<Long> KNOWN_FAILING = Set.of();

  /**
   * Seeds of the default range whose restricted-calls part ({@link CallShapes}) fails also with
   * every restriction lifted ({@code -Dadjoint.fuzz.calls=unrestricted}), from processor bugs other
   * than derivatives lost through restricted callee parameters. None now: seed 137, a NaN derivative
   * from cbrt at an exact 0 in a value the result does not use, passes since reverse mode writes no
   * adjoint for useless assignments (analysis/Usefulness). ({@code x = g(..., x, ...)} in a loop with
   * g left a call, seeds 5, 71, 76, 91 and 120, is fixed; so is seed 29, generated code that referred
   * to an inlined callee's int parameter, declared inside the caller's loop, in the reverse sweep's
   * trip count.)
   */
  static final Set<Long> KNOWN_FAILING_CALLS = Set.of();

  /**
   * Seeds of the default range whose restricted-calls part fails the finite-difference check for
   * reasons of floating point, not of the processor (checked by hand with steps from 1e-2 to 1e-8):
   * a loop of {@code x += x * x} or {@code acc -= g(acc * acc)} drives an intermediate to 1e39 (146),
   * which an {@code atan} or {@code sqrt(1 + a * a) + a} then rounds to a constant, so that every
   * difference up to a step of 1e-2 is exactly flat while both modes, which agree, give the
   * derivative of the formula. (Seed 63, the same at 9e58, is now skipped by the hunt's absorption
   * screen, whose larger step sees the output move.) As {@link #KNOWN_FAILING_CALLS}: the default
   * run checks only their base methods.
   */
  static final Set<Long> FLOATING_POINT_CALLS = Set.of(146L);

  /**
   * The default range holds every shape the generator can draw, each in several programs: a draw
   * that silently never fires (the first nextBoolean of small seeds is always the same) fails here.
   */
  @Test
  void defaultRangeDrawsEveryShape() {
    Map<String, Integer> programs = new TreeMap<>();
    for (long seed = DEFAULT_FIRST_SEED; seed < DEFAULT_FIRST_SEED + DEFAULT_COUNT; seed++) {
      Ast.Program p = ProgramGenerator.generate(seed, new GeneratorOptions(true, false, true));
      String source = p.source();
      Map<String, Boolean> has = new TreeMap<>();
      has.put("arrow switch statement", source.matches("(?s).*\\n\\s*case [0-9, ]+ -> \\{.*"));
      has.put("colon switch statement", source.matches("(?s).*\\n\\s*case [0-9, ]+:\\n.*"));
      has.put("fall-through", p.fallsThrough());
      has.put("switch expression with yield", source.contains(": yield "));
      has.put("switch expression with arrows", source.matches("(?s).*\\(switch \\([^\\n]*\\) \\{ (case [0-9, ]+|default) -> .*"));
      has.put("switch in a loop", source.matches("(?s).*\\bswitch \\(\\(?i\\d.*"));
      has.put("output-array helper called", source.matches("(?s).*\\n\\s*fill\\d\\(.*"));
      has.put("private helper", source.contains("  private static void fill"));
      has.put("package-private helper", source.contains("\n  static void fill"));
      has.put("helper reading out before writing", source.matches("(?s).*static void fill.*out\\[[^\\]]*\\] \\+= .*"));
      has.put("void entry point", p.methods.stream().anyMatch(m -> !m.isHelper() && m.result == Ast.Ty.V));
      has.forEach((shape, present) -> programs.merge(shape, present ? 1 : 0, Integer::sum));
    }
    programs.forEach((shape, count) -> assertTrue(count >= 5, shape + " in " + count + " programs only: " + programs));
  }

  @Test
  void randomPrograms() throws Exception {
    String countProperty = System.getProperty("adjoint.fuzz.count");
    boolean hunt = countProperty != null && !countProperty.isBlank();
    int count = hunt ? Integer.parseInt(countProperty.trim()) : DEFAULT_COUNT;
    long first = Long.parseLong(System.getProperty("adjoint.fuzz.seed", Long.toString(DEFAULT_FIRST_SEED)).trim());
    double minutes = Double.parseDouble(System.getProperty("adjoint.fuzz.minutes", "0").trim());
    int threads = Integer.getInteger("adjoint.fuzz.threads", Runtime.getRuntime().availableProcessors());
    List<Long> seeds = new ArrayList<>();
    String list = System.getProperty("adjoint.fuzz.seeds", "").trim();
    if (!list.isEmpty()) {
      hunt = true;
      for (String part : list.split(",")) {
        seeds.add(Long.parseLong(part.trim()));
      }
    } else {
      for (long s = first; s < first + count; s++) {
        if (hunt || !KNOWN_FAILING.contains(s)) {
          seeds.add(s);
        }
      }
    }
    long start = System.currentTimeMillis();
    long deadline = minutes > 0 ? start + (long) (minutes * 60_000) : Long.MAX_VALUE;
    long shrinkSeconds = Long.getLong("adjoint.fuzz.shrinkSeconds", hunt ? 120 : 60);
    GeneratorOptions options = GeneratorOptions.fromSystemProperties();
    boolean everyPart = hunt;
    FuzzRunner runner = new FuzzRunner(System.out, shrinkSeconds * 1000, s -> ProgramGenerator.generate(s,
        everyPart || !(KNOWN_FAILING_CALLS.contains(s) || FLOATING_POINT_CALLS.contains(s)) ? options
            : options.withoutCalls()));
    runner.run(seeds, Integer.getInteger("adjoint.fuzz.batch", 30), threads, deadline);
    System.out.println(runner.summary() + String.format(" in %.1f s (seeds %d..%d)",
        (System.currentTimeMillis() - start) / 1000.0, first, first + count - 1));
    for (String f : runner.failures) {
      System.out.println("  failure: " + f);
    }
    if (!runner.restrictionOnly.isEmpty()) {
      System.out.println("  of which through restricted callee parameters only: " + runner.restrictionOnly.size());
    }
    assertEquals(List.of(), runner.failures, "failing programs (seeds above; the report shows each program shrunk)");
    assertTrue(hunt || runner.methodsChecked.get() >= 250, "too few methods checked: " + runner.summary());
  }
}
