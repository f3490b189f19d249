package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.ir.Type;

/**
 * Reads the types written in the source (declarations, casts, array creation). Method bodies are
 * not attributed while processors run, so types come from the trees themselves.
 */
final class TypeTrees {
  private TypeTrees() {}

  /** The IR type a type tree spells, or {@code null} (also for {@code var}). */
  static Type of(Tree tree) {
    if (tree instanceof PrimitiveTypeTree p) {
      return JavaTypes.primitive(p.getPrimitiveTypeKind());
    }
    if (tree instanceof ArrayTypeTree a) {
      Type element = of(a.getType());
      if (element == null) {
        return null;
      }
      return arrayOf(element);
    }
    return null;
  }

  /** {@code element[]} repeated {@code levels} times. */
  static Type arrayOf(Tree elementTree, int levels) {
    Type t = of(elementTree);
    for (int i = 0; i < levels && t != null; i++) {
      t = arrayOf(t);
    }
    return t;
  }

  private static Type arrayOf(Type element) {
    if (element.equals(Type.DOUBLE)) {
      return Type.DOUBLE_ARRAY;
    }
    if (element.equals(Type.DOUBLE_ARRAY)) {
      return Type.DOUBLE_MATRIX;
    }
    if (element.equals(Type.INT)) {
      return Type.INT_ARRAY;
    }
    return null;
  }

  /** Whether the tree is {@code var}. */
  static boolean isVar(Tree tree) {
    return tree == null || (tree.getKind() == Tree.Kind.IDENTIFIER && tree.toString().equals("var"));
  }
}
