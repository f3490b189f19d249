package dev.adjoint.spi;

import java.util.Arrays;

/**
 * The blocks of one of a {@link Tape}'s stacks, and where the stack stands in them. The tape keeps
 * the current block and the top inside it in its own fields, so that push and pop touch nothing
 * else; this class is what they call when a block is full or empty.
 *
 * <p>Block {@code k} of a stack takes {@code min(4 KiB << k, 256 KiB)} bytes: small tapes stay small,
 * and a long one is a chain of 256 KiB blocks (below the size at which G1 allocates an object as
 * humongous, for any region size). Entries are never copied; only this index of blocks grows, by
 * doubling. Blocks above the current one are kept while the tape is open, so a stack that goes up
 * and down across a boundary allocates nothing; when the tape is pooled, {@link #trim} keeps the
 * lowest blocks of its stacks within a budget.
 */
final class TapeBlocks {
  static final int FIRST_BLOCK_BYTES = 4 * 1024;
  static final int MAX_BLOCK_BYTES = 256 * 1024;
  /** Blocks 0 to here grow; every later block is {@link #MAX_BLOCK_BYTES}. */
  static final int LAST_GROWING_LEVEL = Integer.numberOfTrailingZeros(MAX_BLOCK_BYTES / FIRST_BLOCK_BYTES);
  private static final Object[] NO_BLOCKS = {};

  /** What a stack holds, and how its blocks are made. */
  enum Kind {
    DOUBLE("double", 8, 1) {
      @Override
      Object allocate(int length) {
        return new double[length];
      }
    },
    INT("int", 4, 1) {
      @Override
      Object allocate(int length) {
        return new int[length];
      }
    },
    LONG("long", 8, 1) {
      @Override
      Object allocate(int length) {
        return new long[length];
      }
    },
    /** One bit per entry, 64 to a {@code long}. */
    BOOLEAN("boolean", 8, Long.SIZE) {
      @Override
      Object allocate(int length) {
        return new long[length];
      }
    },
    /** References count 8 bytes each, whatever the JVM's reference size. */
    OBJECT("object", 8, 1) {
      @Override
      Object allocate(int length) {
        return new Object[length];
      }
    };

    final String displayName;
    /** Bytes per array element. */
    final int elementBytes;
    /** Entries per array element. */
    final int entriesPerElement;

    Kind(String displayName, int elementBytes, int entriesPerElement) {
      this.displayName = displayName;
      this.elementBytes = elementBytes;
      this.entriesPerElement = entriesPerElement;
    }

    /** A new block of {@code length} elements; only {@link Tape}'s allocator calls this. */
    abstract Object allocate(int length);

    /** Array length of block {@code level}. */
    int length(int level) {
      return blockBytes(level) / elementBytes;
    }

    /** Bytes, as counted by the tape, that entries take: booleans round up to whole bytes. */
    long bytes(long entries) {
      return this == BOOLEAN ? (entries + 7) / 8 : entries * elementBytes;
    }
  }

  /** Bytes of block {@code level}, whatever the kind. */
  static int blockBytes(int level) {
    return level >= LAST_GROWING_LEVEL ? MAX_BLOCK_BYTES : FIRST_BLOCK_BYTES << level;
  }

  final Kind kind;
  /** Blocks by level; those above {@link #level} are spare. */
  private Object[] blocks = NO_BLOCKS;
  /** The current block's level; -1 before the first push. */
  private int level = -1;
  /** Entries in the blocks below the current one. */
  private long below;
  /** Highest entry count seen in the blocks visited before the current visit of the current one. */
  private long peak;
  /** Bytes of the blocks up to the current one. */
  private long inBlocks;
  /** Bytes of all the blocks kept, in use or spare. */
  private long held;

  TapeBlocks(Kind kind) {
    this.kind = kind;
  }

  /** @return entries on the stack, given the top inside the current block */
  long entries(int top) {
    return below + top;
  }

  /**
   * @param top the top inside the current block
   * @param peakTop the highest top at a pop since the current block was entered
   * @return the highest entry count since the last {@link #settle}
   */
  long peak(int top, int peakTop) {
    return Math.max(peak, below + Math.max(top, peakTop));
  }

  /** @return the current block's level; -1 before the first push */
  int level() {
    return level;
  }

  /**
   * Goes back up to the block at {@code target}, above the current one, through the blocks kept
   * above it: each was full when the stack went down from it, and is full again.
   *
   * @param peakTop the highest top at a pop in the block being left
   * @return the block at {@code target}, now current
   */
  Object upTo(int target, int peakTop) {
    int leaving = peakTop;
    while (level < target) {
      up(blocks[level + 1], leaving);
      leaving = 0;
    }
    return blocks[level];
  }

  /** @return the level of the block that {@link #up} would enter */
  int nextLevel() {
    return level + 1;
  }

  /** @return the spare block at {@code level}, or null when it must be allocated */
  Object spare(int level) {
    return level < blocks.length ? blocks[level] : null;
  }

  /**
   * Makes the block above the current one, which is full, current.
   *
   * @param block the block at {@link #nextLevel()}: {@link #spare} or newly allocated
   * @param peakTop the highest top at a pop in the block being left
   */
  void up(Object block, int peakTop) {
    int next = level + 1;
    if (next == blocks.length) {
      blocks = Arrays.copyOf(blocks, Math.max(16, 2 * next));
    }
    if (blocks[next] == null) {
      blocks[next] = block;
      held += blockBytes(next);
    }
    if (level >= 0) {
      peak = Math.max(peak, below + Math.max(peakTop, kind.length(level) * kind.entriesPerElement));
      below += (long) kind.length(level) * kind.entriesPerElement;
    }
    level = next;
    inBlocks += blockBytes(next);
  }

  /**
   * Makes the block below the current one, whose top is 0, current; it is full.
   *
   * @param peakTop the highest top at a pop in the block being left
   * @return that block, or null when the current block is the first (the stack is empty)
   */
  Object down(int peakTop) {
    if (level <= 0) {
      return null;
    }
    peak = Math.max(peak, below + peakTop);
    inBlocks -= blockBytes(level);
    level--;
    below -= (long) kind.length(level) * kind.entriesPerElement;
    return blocks[level];
  }

  /** @return bytes of the blocks up to the current one */
  long bytesInBlocks() {
    return inBlocks;
  }

  /**
   * Nulls the references in the entries held: for the object stack, whose entries must not stay
   * reachable from a pooled tape.
   */
  void clearObjects(int top) {
    for (int k = 0; k < level; k++) {
      Arrays.fill((Object[]) blocks[k], null);
    }
    if (level >= 0) {
      Arrays.fill((Object[]) blocks[level], 0, top, null);
    }
  }

  /**
   * Back to empty, before the first block, so that the next push enters block 0; the blocks are
   * kept and the peak starts again from 0.
   *
   * @return the highest entry count reached since the peak last started from 0
   */
  long settle(int top, int peakTop) {
    long reached = peak(top, peakTop);
    peak = 0;
    level = -1;
    below = 0;
    inBlocks = 0;
    return reached;
  }

  /** @return whether a block is kept at {@code level} */
  boolean holds(int level) {
    return level < blocks.length && blocks[level] != null;
  }

  /**
   * Drops the blocks from {@code level} up; the index shrinks with them.
   *
   * @return the blocks dropped, from {@code level} up, or null when there were none
   */
  Object[] dropFrom(int level) {
    int end = level;
    while (end < blocks.length && blocks[end] != null) {
      end++;
    }
    if (end == level) {
      return null;
    }
    Object[] dropped = Arrays.copyOfRange(blocks, level, end);
    if (level == 0) {
      blocks = NO_BLOCKS;
    } else {
      if (level <= blocks.length / 4) {
        blocks = Arrays.copyOf(blocks, Math.max(16, level));
      }
      Arrays.fill(blocks, level, blocks.length, null);
    }
    held = 0;
    for (int k = 0; k < blocks.length && blocks[k] != null; k++) {
      held += blockBytes(k);
    }
    return dropped;
  }

  /**
   * Puts back blocks that {@link #dropFrom} dropped, when no block has been added since.
   *
   * @param level where {@code dropped} starts: the first level this stack has no block for
   */
  void restore(int level, Object[] dropped) {
    if (level != firstMissing()) {
      return;
    }
    int end = level + dropped.length;
    if (end > blocks.length) {
      blocks = Arrays.copyOf(blocks, Math.max(16, end));
    }
    System.arraycopy(dropped, 0, blocks, level, dropped.length);
    for (int k = level; k < end; k++) {
      held += blockBytes(k);
    }
  }

  private int firstMissing() {
    int k = 0;
    while (k < blocks.length && blocks[k] != null) {
      k++;
    }
    return k;
  }

  /** @return bytes of all the blocks kept, in use or spare */
  long bytesKept() {
    return held;
  }

  /**
   * Keeps the lowest blocks of all stacks within {@code budget} bytes and drops the others, level
   * by level across the stacks, so that each keeps the blocks a small tape uses first. The stacks
   * must be {@link #settle}d.
   *
   * @param dropped receives, per stack, the blocks dropped (null when none)
   * @param from receives, per stack, the level where its dropped blocks start
   * @return bytes kept
   */
  static long trim(TapeBlocks[] stacks, long budget, Object[][] dropped, int[] from) {
    long all = 0;
    for (TapeBlocks s : stacks) {
      all += s.held;
    }
    if (all <= budget) {
      return all;
    }
    long kept = 0;
    boolean[] done = new boolean[stacks.length];
    int left = stacks.length;
    for (int k = 0; left > 0; k++) {
      long bytes = blockBytes(k);
      for (int s = 0; s < stacks.length; s++) {
        if (done[s]) {
          continue;
        }
        if (stacks[s].holds(k) && kept + bytes <= budget) {
          kept += bytes;
        } else {
          dropped[s] = stacks[s].dropFrom(k);
          from[s] = k;
          done[s] = true;
          left--;
        }
      }
    }
    return kept;
  }
}
