package dev.adjoint.processor;

import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.frontend.Annotations;
import dev.adjoint.processor.frontend.Frontend;
import dev.adjoint.processor.frontend.Signatures;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.transform.ExitFlattening;
import dev.adjoint.processor.transform.Inliner;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The lowered bodies of {@code @Differentiable} callees whose source is in this compilation, for
 * inlining. A callee that does not lower cleanly is not inlined (its own errors are reported when
 * its class is processed).
 */
final class CalleeBodies implements Inliner.Callees {
  private final Elements elements;
  private final Trees trees;
  private final Signatures signatures;
  private final Map<String, Optional<Function>> cache = new HashMap<>();

  CalleeBodies(Elements elements, Trees trees, Signatures signatures) {
    this.elements = elements;
    this.trees = trees;
    this.signatures = signatures;
  }

  @Override
  public Function body(MethodRef method) {
    return cache.computeIfAbsent(method.owner() + "." + method.name(), k -> lower(method)).orElse(null);
  }

  private Optional<Function> lower(MethodRef method) {
    TypeElement owner = elements.getTypeElement(method.owner());
    if (owner == null) {
      return Optional.empty();
    }
    for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (m.getSimpleName().contentEquals(method.name()) && Annotations.has(m, Annotations.DIFFERENTIABLE)
          && signatures.isInThisCompilation(m)) {
        Silent silent = new Silent();
        Function f = new Frontend(trees, signatures, silent).lower(owner, m);
        if (f == null || silent.errorCount() > 0) {
          return Optional.empty();
        }
        return Optional.of(ExitFlattening.apply(f));
      }
    }
    return Optional.empty();
  }

  /** Counts errors without reporting them. */
  private static final class Silent implements Reporter {
    private int errors;

    @Override
    public void error(SourcePos pos, Message message, Object... args) {
      errors++;
    }

    @Override
    public int errorCount() {
      return errors;
    }
  }
}
