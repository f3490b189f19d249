package dev.adjoint.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Whether a companion class may carry {@code @javax.annotation.processing.Generated}.
 *
 * <p>That annotation lives in the module {@code java.compiler}. A class path build sees every module
 * of the JDK, but a class in a named module sees only the modules its {@code module-info.java} reads,
 * and few user modules read {@code java.compiler}: writing the annotation there would make the
 * generated file fail to compile ("package javax.annotation.processing is not visible"). So the
 * annotation is looked up from the module of the class being differentiated and written only where
 * that module can see it, as AutoValue's {@code GeneratedAnnotations} does. The annotation is
 * documentation (retention SOURCE); nothing depends on it.
 */
public final class GeneratedAnnotation {
  static final String NAME = "javax.annotation.processing.Generated";

  private GeneratedAnnotation() {}

  /**
   * {@code @Generated("processorName")}, when the source of {@code owner} can name the annotation.
   *
   * @param elements the compilation's element utilities
   * @param owner the class whose companion is written
   * @param processorName the annotation's value
   * @return the annotation, or empty when {@code owner}'s module does not read {@code java.compiler}
   */
  public static Optional<AnnotationSpec> forCompanionOf(Elements elements, Element owner, String processorName) {
    return visibleFrom(elements, owner)
        .map(type -> AnnotationSpec.builder(ClassName.get(type)).addMember("value", "$S", processorName).build());
  }

  /** javac resolves a name looked up in a module only through the modules that module reads. */
  static Optional<TypeElement> visibleFrom(Elements elements, Element owner) {
    ModuleElement module = elements.getModuleOf(owner);
    TypeElement type = module == null ? elements.getTypeElement(NAME) : elements.getTypeElement(module, NAME);
    return Optional.ofNullable(type);
  }
}
