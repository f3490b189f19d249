package dev.adjoint.processor;

import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.frontend.Frontend;
import dev.adjoint.processor.frontend.Signatures;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.transform.ExitFlattening;
import dev.adjoint.processor.transform.Inliner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The lowered bodies of the static methods whose source is in this compilation, annotated or not,
 * for inlining and for specialised derivatives. A callee that does not lower cleanly has no body
 * here; {@link #whyNot} keeps what stopped it, so that a caller that needs its derivative can say so.
 */
final class CalleeBodies implements Inliner.Callees {
  private final Elements elements;
  private final Trees trees;
  private final Signatures signatures;
  private final Map<String, Lowered> cache = new HashMap<>();

  /** A callee's body, or the first error that kept it from lowering. */
  private record Lowered(Function body, String problem) {}

  CalleeBodies(Elements elements, Trees trees, Signatures signatures) {
    this.elements = elements;
    this.trees = trees;
    this.signatures = signatures;
  }

  @Override
  public Function body(MethodRef method) {
    return lowered(method).body();
  }

  /** Why a callee has no body here, for messages: its first error, or that its source is not in this build. */
  @Override
  public String whyNot(MethodRef method) {
    return lowered(method).problem();
  }

  /** Whether the callee's source is in this build (else it comes from a jar or a class folder). */
  boolean inThisBuild(MethodRef method) {
    return !NOT_IN_BUILD.equals(lowered(method).problem());
  }

  private static final String NOT_IN_BUILD = "its source is not part of this build";

  private Lowered lowered(MethodRef method) {
    return cache.computeIfAbsent(method.key(), k -> lower(method));
  }

  private Lowered lower(MethodRef method) {
    TypeElement owner = elements.getTypeElement(method.owner());
    ExecutableElement m = owner == null ? null : find(owner, method);
    if (m == null || !signatures.isInThisCompilation(m)) {
      return new Lowered(null, NOT_IN_BUILD);
    }
    FirstError errors = new FirstError();
    Function f = new Frontend(trees, signatures, errors).lowerCallee(owner, m);
    if (f == null || errors.errorCount() > 0) {
      return new Lowered(null, errors.first == null ? "it could not be read" : errors.first);
    }
    return new Lowered(ExitFlattening.apply(f), null);
  }

  /** The static method of {@code owner} with the call's name and parameter types (records flattened, as calls have them). */
  private ExecutableElement find(TypeElement owner, MethodRef method) {
    for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (m.getSimpleName().contentEquals(method.name()) && m.getModifiers().contains(Modifier.STATIC)
          && parameterTypes(m).equals(method.parameterTypes())) {
        return m;
      }
    }
    return null;
  }

  private List<Type> parameterTypes(ExecutableElement m) {
    List<Type> types = new ArrayList<>();
    for (Signatures.FlatParameter p : signatures.flatParameters(m)) {
      types.add(p.type());
    }
    return types;
  }

  /** Keeps the first error's text (line and message) without reporting it. */
  private static final class FirstError implements Reporter {
    private int errors;
    private String first;

    @Override
    public void error(SourcePos pos, Message message, Object... args) {
      if (errors++ == 0) {
        String text = message.format(args);
        int hint = text.indexOf('\n');
        first = "line " + pos.line() + ": " + (hint < 0 ? text : text.substring(0, hint));
      }
    }

    @Override
    public int errorCount() {
      return errors;
    }
  }
}
