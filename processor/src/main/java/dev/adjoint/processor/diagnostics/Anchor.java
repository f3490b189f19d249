package dev.adjoint.processor.diagnostics;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import javax.lang.model.element.Element;

/**
 * What a {@link dev.adjoint.processor.ir.SourcePos} points at for javac: a tree in a compilation
 * unit, or an element when there is no tree. Opaque to every stage but this package.
 */
public record Anchor(Tree tree, CompilationUnitTree unit, Element element) {}
