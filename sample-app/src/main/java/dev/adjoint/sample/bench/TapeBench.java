package dev.adjoint.sample.bench;

import dev.adjoint.spi.Tape;
import java.util.Arrays;
import java.util.Locale;

/**
 * Micro-benchmark of the runtime tape: {@link Tape}, which grows by blocks, against the tape it
 * replaced, which doubled its arrays with {@code Arrays.copyOf} (copied below as
 * {@link DoublingTape}, with its per-thread pool). Each call opens a tape, pushes N values of one
 * type, pops them all and closes it, as a gradient's forward and reverse sweeps do for a loop of N
 * iterations. Both run in this one JVM, alternating, after a warm-up; the median of several
 * timings is kept for each, and the ratio new/old printed.
 *
 * <p>"old" reuses its pooled arrays from call to call, as the old tape did; "old, new each call"
 * starts from an empty doubling tape every call, as a first call does, copying as it grows.
 *
 * <p>Run: {@code java -Xmx6g -cp sample-app/target/classes:runtime/target/classes
 * dev.adjoint.sample.bench.TapeBench [--quick]} (N = 10^8 needs about 4 GB of heap and is
 * skipped with less).
 */
public final class TapeBench {
    private static final long TARGET_NANOS = 40_000_000L;

    private static double sink;

    private TapeBench() {
    }

    /** @param args {@code --quick} for a smoke run: N up to 10^6, fewer timings */
    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        int timings = quick ? 3 : 9;
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "Tape micro-benchmark: push N, then pop N; %s %s, max heap %.1f GiB%n",
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"), maxHeap / (double) (1L << 30));
        System.out.printf(Locale.ROOT, "%-8s %11s %10s %10s %10s %9s %16s%n", "type", "N", "old ns/op", "new ns/op",
                "cold ns/op", "new/old", "new/(old, cold)");
        for (Kind kind : Kind.values()) {
            for (int n : new int[] {1_000, 1_000_000, 100_000_000}) {
                if (quick && n > 1_000_000) {
                    continue;
                }
                // The old pooled tape's array, the cold one's while it copies (1.5 times that),
                // and the new tape's entries, at once.
                long capacity = 2L * Integer.highestOneBit(n);
                long needed = (long) (2.5 * capacity * kind.bytes) + (long) n * kind.bytes + (512L << 20);
                if (needed > maxHeap) {
                    System.out.printf(Locale.ROOT, "%-8s %11d skipped: needs -Xmx%dm%n", kind.label, n, needed >> 20);
                    continue;
                }
                cell(kind, n, timings);
            }
        }
        System.out.println("(op = one push and one pop; ratios < 1 mean the block tape is faster; sink " + sink + ")");
    }

    private enum Kind {
        DOUBLE("double", 8), INT("int", 4), BOOLEAN("boolean", 1);

        final String label;
        final int bytes;

        Kind(String label, int bytes) {
            this.label = label;
            this.bytes = bytes;
        }
    }

    private static void cell(Kind kind, int n, int timings) {
        long calls = Math.max(1, TARGET_NANOS / (2L * n)); // calls per timing: about 40 ms at 1 ns per push or pop
        DoublingTape.forget();
        System.gc();
        // Warm-up: compiles every variant on this size, and fills both pools.
        long warmEnd = System.nanoTime() + (n >= 100_000_000 ? 0 : 1_000_000_000L);
        int warmRuns = 0;
        do {
            time(kind, Variant.NEW, n, calls);
            time(kind, Variant.OLD, n, calls);
            time(kind, Variant.OLD_COLD, n, calls);
            warmRuns++;
        } while (System.nanoTime() < warmEnd || warmRuns < 2);
        long[] newNanos = new long[timings];
        long[] oldNanos = new long[timings];
        long[] coldNanos = new long[timings];
        for (int t = 0; t < timings; t++) {
            // Alternate which goes first, so drift and the collector's state favour neither.
            if (t % 2 == 0) {
                newNanos[t] = time(kind, Variant.NEW, n, calls);
                oldNanos[t] = time(kind, Variant.OLD, n, calls);
            } else {
                oldNanos[t] = time(kind, Variant.OLD, n, calls);
                newNanos[t] = time(kind, Variant.NEW, n, calls);
            }
            coldNanos[t] = time(kind, Variant.OLD_COLD, n, calls);
        }
        double ops = (double) n * calls;
        double newOp = median(newNanos) / ops;
        double oldOp = median(oldNanos) / ops;
        double coldOp = median(coldNanos) / ops;
        System.out.printf(Locale.ROOT, "%-8s %11d %10.3f %10.3f %10.3f %9.3f %16.3f%n", kind.label, n, oldOp, newOp,
                coldOp, newOp / oldOp, newOp / coldOp);
    }

    private enum Variant {
        NEW, OLD, OLD_COLD
    }

    private static long time(Kind kind, Variant variant, int n, long calls) {
        long start = System.nanoTime();
        for (long c = 0; c < calls; c++) {
            switch (variant) {
                case NEW -> sink += switch (kind) {
                    case DOUBLE -> newDoubles(n);
                    case INT -> newInts(n);
                    case BOOLEAN -> newBooleans(n);
                };
                case OLD -> sink += switch (kind) {
                    case DOUBLE -> oldDoubles(DoublingTape.open(), n);
                    case INT -> oldInts(DoublingTape.open(), n);
                    case BOOLEAN -> oldBooleans(DoublingTape.open(), n);
                };
                case OLD_COLD -> sink += switch (kind) {
                    case DOUBLE -> oldDoubles(new DoublingTape().opened(), n);
                    case INT -> oldInts(new DoublingTape().opened(), n);
                    case BOOLEAN -> oldBooleans(new DoublingTape().opened(), n);
                };
            }
        }
        return System.nanoTime() - start;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
    }

    private static double newDoubles(int n) {
        Tape tape = Tape.open();
        for (int i = 0; i < n; i++) {
            tape.pushDouble(i * 0.5);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += tape.popDouble();
        }
        tape.close();
        return sum;
    }

    private static double oldDoubles(DoublingTape tape, int n) {
        for (int i = 0; i < n; i++) {
            tape.pushDouble(i * 0.5);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += tape.popDouble();
        }
        tape.close();
        return sum;
    }

    private static double newInts(int n) {
        Tape tape = Tape.open();
        for (int i = 0; i < n; i++) {
            tape.pushInt(i);
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += tape.popInt();
        }
        tape.close();
        return sum;
    }

    private static double oldInts(DoublingTape tape, int n) {
        for (int i = 0; i < n; i++) {
            tape.pushInt(i);
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += tape.popInt();
        }
        tape.close();
        return sum;
    }

    private static double newBooleans(int n) {
        Tape tape = Tape.open();
        for (int i = 0; i < n; i++) {
            tape.pushBoolean((i * 0x9E3779B9) < 0);
        }
        long count = 0;
        for (int i = 0; i < n; i++) {
            if (tape.popBoolean()) {
                count++;
            }
        }
        tape.close();
        return count;
    }

    private static double oldBooleans(DoublingTape tape, int n) {
        for (int i = 0; i < n; i++) {
            tape.pushBoolean((i * 0x9E3779B9) < 0);
        }
        long count = 0;
        for (int i = 0; i < n; i++) {
            if (tape.popBoolean()) {
                count++;
            }
        }
        tape.close();
        return count;
    }

    /**
     * The runtime tape as it was before blocks (the double, int and boolean stacks): arrays that
     * double with {@code Arrays.copyOf}, pooled per thread, with the same peak bookkeeping on pop.
     */
    private static final class DoublingTape {
        private static final int INITIAL_CAPACITY = 64;
        private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;
        private static final ThreadLocal<DoublingTape[]> POOL = ThreadLocal.withInitial(() -> new DoublingTape[1]);

        private double[] doubles = new double[INITIAL_CAPACITY];
        private int[] ints = new int[INITIAL_CAPACITY];
        private long[] bits = new long[INITIAL_CAPACITY / Long.SIZE];
        private int doubleTop;
        private int intTop;
        private int bitTop;
        private int doublePeak;
        private int intPeak;
        private int bitPeak;
        private boolean open;

        static DoublingTape open() {
            DoublingTape[] pool = POOL.get();
            DoublingTape tape = pool[0];
            if (tape == null) {
                tape = new DoublingTape();
            } else {
                pool[0] = null;
            }
            return tape.opened();
        }

        /** Drops this thread's pooled tape, so that each size starts from a new one. */
        static void forget() {
            POOL.get()[0] = null;
        }

        DoublingTape opened() {
            open = true;
            doublePeak = intPeak = bitPeak = 0;
            return this;
        }

        void close() {
            if (!open) {
                throw new IllegalStateException("closed twice");
            }
            open = false;
            int left = doubleTop + intTop + bitTop;
            doubleTop = intTop = bitTop = 0;
            POOL.get()[0] = this;
            if (left != 0) {
                throw new IllegalStateException(left + " entries left");
            }
        }

        void pushDouble(double value) {
            int top = doubleTop;
            if (top == doubles.length) {
                doubles = Arrays.copyOf(doubles, grown(top));
            }
            doubles[top] = value;
            doubleTop = top + 1;
        }

        double popDouble() {
            int top = doubleTop;
            if (top == 0) {
                throw new IllegalStateException("empty");
            }
            if (top > doublePeak) {
                doublePeak = top;
            }
            doubleTop = --top;
            return doubles[top];
        }

        void pushInt(int value) {
            int top = intTop;
            if (top == ints.length) {
                ints = Arrays.copyOf(ints, grown(top));
            }
            ints[top] = value;
            intTop = top + 1;
        }

        int popInt() {
            int top = intTop;
            if (top == 0) {
                throw new IllegalStateException("empty");
            }
            if (top > intPeak) {
                intPeak = top;
            }
            intTop = --top;
            return ints[top];
        }

        void pushBoolean(boolean value) {
            int top = bitTop;
            int word = top >>> 6;
            if (word == bits.length) {
                bits = Arrays.copyOf(bits, grown(word));
            }
            long mask = 1L << top;
            bits[word] = value ? bits[word] | mask : bits[word] & ~mask;
            bitTop = top + 1;
        }

        boolean popBoolean() {
            int top = bitTop;
            if (top == 0) {
                throw new IllegalStateException("empty");
            }
            if (top > bitPeak) {
                bitPeak = top;
            }
            bitTop = --top;
            return (bits[top >>> 6] & (1L << top)) != 0;
        }

        private static int grown(int length) {
            if (length >= MAX_CAPACITY) {
                throw new OutOfMemoryError("cannot grow beyond " + MAX_CAPACITY + " entries");
            }
            return (int) Math.min(2L * length, MAX_CAPACITY);
        }
    }
}
