package dev.adjoint.processor.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Reads Adjoint's annotations by name, so the processor does not load the runtime's classes. */
public final class Annotations {
  public static final String DIFFERENTIABLE = "dev.adjoint.Differentiable";
  public static final String NO_DERIVATIVE = "dev.adjoint.NoDerivative";

  private Annotations() {}

  public static AnnotationMirror find(Element e, String annotation) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation)) {
        return m;
      }
    }
    return null;
  }

  public static boolean has(Element e, String annotation) {
    return find(e, annotation) != null;
  }

  /** The {@code wrt} names of a {@code @Differentiable} annotation, empty when absent. */
  public static List<String> wrt(AnnotationMirror differentiable) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        differentiable.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("wrt")) {
        Object v = e.getValue().getValue();
        if (v instanceof List<?> list) {
          for (Object item : list) {
            names.add(String.valueOf(((AnnotationValue) item).getValue()));
          }
        }
      }
    }
    return names;
  }

  /** The explicitly given value of an annotation member, or null. */
  public static AnnotationValue value(AnnotationMirror mirror, String member) {
    if (mirror == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The value of the {@code wrt} member, for anchoring errors on it. */
  public static AnnotationValue wrtValue(AnnotationMirror differentiable) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        differentiable.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("wrt")) {
        return e.getValue();
      }
    }
    return null;
  }
}
