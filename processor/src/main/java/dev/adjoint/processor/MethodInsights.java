package dev.adjoint.processor;

import dev.adjoint.processor.emit.DerivativeSet;
import dev.adjoint.processor.graph.ComputationalGraph;
import dev.adjoint.processor.graph.DotWriter;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.report.CostReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.processing.Messager;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * What the options ask for beyond the companion: the graph file ({@code -Aadjoint.graphs}) and the
 * cost note ({@code -Aadjoint.report}) of each {@code @Differentiable} method, made from the
 * pipeline's own intermediate results.
 */
final class MethodInsights {
  private final ProcessorOptions options;
  private final Messager messager;

  MethodInsights(ProcessorOptions options, Messager messager) {
    this.options = options;
    this.messager = messager;
  }

  /** A trace that records when an option will read it, and one that keeps nothing otherwise. */
  DerivationTrace trace() {
    return options.wantsInsights() ? DerivationTrace.recording() : DerivationTrace.none();
  }

  /**
   * Writes what the options ask for. A failure here is a warning on the method: the derivatives
   * are fine, and a picture or a note that could not be made must not fail the build with an error.
   */
  void publish(TypeElement owner, ExecutableElement method, DerivationTrace trace, DerivativeSet set) {
    if (!options.wantsInsights() || trace.inlined() == null || trace.specialised() == null) {
      return;
    }
    try {
      write(owner, method, trace, set);
    } catch (RuntimeException e) {
      messager.printMessage(Diagnostic.Kind.WARNING, "Adjoint could not make the graph or the cost report of "
          + method.getSimpleName() + " (" + e + "); its derivatives are not affected. Please report this.", method);
    }
  }

  /** The set's methods that users call, in the order the companion has them. */
  private static List<Function> publicMethods(DerivativeSet set) {
    List<Function> out = new ArrayList<>();
    for (Function f : new Function[] {set.reverse(), set.pullbacks(), set.tangent(), set.hessianVector()}) {
      if (f != null) {
        out.add(f);
      }
    }
    return out;
  }

  private void write(TypeElement owner, ExecutableElement method, DerivationTrace trace, DerivativeSet set) {
    String entry = owner.getQualifiedName() + "." + method.getSimpleName();
    String signature = owner.getSimpleName() + "." + method.getSimpleName() + method.getParameters().stream()
        .map(p -> p.asType() + " " + p.getSimpleName()).collect(Collectors.joining(", ", "(", ")"));
    if (options.graphs() != null) {
      ComputationalGraph graph = GraphBuilder.build(entry, signature, trace.inlined(), trace.calls());
      Path file = options.graphs().resolve(entry + ".dot");
      try {
        Files.createDirectories(options.graphs());
        Files.writeString(file, DotWriter.write(graph), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        messager.printMessage(Diagnostic.Kind.WARNING, "Adjoint: could not write the graph of " + signature + " to "
            + file.toAbsolutePath() + " (" + e + "); check -A" + ProcessorOptions.GRAPHS, method);
      }
    }
    if (options.report()) {
      String types = method.getParameters().stream().map(p -> p.asType().toString())
          .collect(Collectors.joining(", ", "(", ")"));
      String note = CostReport.of(owner.getSimpleName() + "." + method.getSimpleName() + types,
          trace.specialised(), set.tangent(), set.reverse(), trace.calls(), entry, publicMethods(set));
      messager.printMessage(Diagnostic.Kind.NOTE, note, method);
    }
  }
}
