package dev.adjoint.processor.frontend;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.ir.Stmt;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Reads {@code @Checkpointed} from the modifiers of a local variable's tree: annotations on locals
 * do not reach the class file, so the tree is the only place they are.
 */
final class CheckpointMarkers {
  static final String CHECKPOINTED = "dev.adjoint.Checkpointed";

  private CheckpointMarkers() {}

  /** The marker on a variable, or null. */
  static AnnotationTree find(LoweringContext ctx, TreePath variablePath) {
    VariableTree variable = (VariableTree) variablePath.getLeaf();
    TreePath modifiers = new TreePath(variablePath, variable.getModifiers());
    for (AnnotationTree a : variable.getModifiers().getAnnotations()) {
      TypeMirror type = ctx.typeOf(new TreePath(new TreePath(modifiers, a), a.getAnnotationType()));
      if (type instanceof DeclaredType d
          && ((TypeElement) d.asElement()).getQualifiedName().contentEquals(CHECKPOINTED)) {
        return a;
      }
    }
    return null;
  }

  /**
   * The marker of a {@code for} loop's variable as the IR keeps it; null (after an error) when its
   * {@code snapshots} is not a non-negative int literal.
   */
  static Stmt.Checkpoint read(LoweringContext ctx, AnnotationTree marker) {
    int snapshots = 0;
    for (ExpressionTree argument : marker.getArguments()) {
      ExpressionTree value = argument instanceof AssignmentTree a ? a.getExpression() : argument;
      if (value instanceof LiteralTree literal && literal.getValue() instanceof Integer n && n >= 0) {
        snapshots = n;
      } else {
        ctx.reporter.error(ctx.pos(value), Message.CHECKPOINT_MISPLACED,
            "takes the number of snapshots as a whole number literal, not " + value,
            "write it as a literal, as in @Checkpointed(snapshots = 64), or leave it out to have it chosen at run time");
        return null;
      }
    }
    return new Stmt.Checkpoint(snapshots, ctx.pos(marker));
  }

  /** Reports a marker on a variable that is not the variable of a {@code for} loop. */
  static void misplaced(LoweringContext ctx, Tree marker, String where) {
    ctx.reporter.error(ctx.pos(marker), Message.CHECKPOINT_MISPLACED, "is on " + where
        + ", which is not the variable of a for loop",
        "put it on the variable of the loop to checkpoint: for (@Checkpointed int step = 0; step < n; step++)");
  }
}
