package dev.adjoint.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Anchor;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.ir.SourcePos;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Finds {@code @Differentiable} methods in local and anonymous classes. javac does not list them
 * among a round's annotated elements, so without this scan they would be ignored in silence.
 */
final class LocalClassScanner {
  private final Trees trees;
  private final Reporter reporter;

  LocalClassScanner(Trees trees, Reporter reporter) {
    this.trees = trees;
    this.reporter = reporter;
  }

  void scan(RoundEnvironment round) {
    for (Element e : round.getRootElements()) {
      if (e instanceof TypeElement && e.getEnclosingElement() != null
          && !(e.getEnclosingElement() instanceof TypeElement)) {
        TreePath path = trees.getPath(e);
        if (path != null) {
          new Scanner(path).scan(path, null);
        }
      }
    }
  }

  private final class Scanner extends TreePathScanner<Void, Void> {
    private final TreePath root;
    /** How many local or anonymous classes enclose the current tree. */
    private int localDepth;

    Scanner(TreePath root) {
      this.root = root;
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      if (localDepth > 0 && isDifferentiable(tree)) {
        report(tree, "a local or anonymous class");
      }
      return super.visitMethod(tree, unused);
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      boolean local = !(parent instanceof ClassTree) && !(parent instanceof CompilationUnitTree);
      if (local) {
        localDepth++;
      }
      try {
        return super.visitClass(tree, unused);
      } finally {
        if (local) {
          localDepth--;
        }
      }
    }

    private boolean isDifferentiable(MethodTree tree) {
      for (AnnotationTree a : tree.getModifiers().getAnnotations()) {
        String n = a.getAnnotationType().toString();
        if (n.equals("Differentiable") || n.equals("dev.adjoint.Differentiable")) {
          return true;
        }
      }
      return false;
    }

    private void report(MethodTree tree, String where) {
      long start = trees.getSourcePositions().getStartPosition(root.getCompilationUnit(), tree);
      long line = start < 0 ? 0 : root.getCompilationUnit().getLineMap().getLineNumber(start);
      reporter.error(new SourcePos(line, 0, "", new Anchor(tree, root.getCompilationUnit(), null)),
          Message.ENCLOSING_NOT_SUPPORTED, where);
    }
  }
}
