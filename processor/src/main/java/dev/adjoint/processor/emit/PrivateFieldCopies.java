package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.GeneratedNames;
import dev.adjoint.processor.ir.Walk;
import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The companion's copies of the private static final fields its methods read: one private static
 * final field each, set once in the static initialiser through a private lookup into the owner
 * (allowed within a module), so that no call pays for reflection. The copy is the field's value
 * itself: for an array, the same array object, so aliasing is as in the original.
 */
final class PrivateFieldCopies {
  private PrivateFieldCopies() {}

  /** Adds a field and its initialisation for each private field that the functions read. */
  static void addTo(TypeSpec.Builder type, List<Function> functions) {
    Map<String, Expr.StaticField> fields = new LinkedHashMap<>();
    for (Function f : functions) {
      Walk.statements(f.body(), s -> {
        for (Expr e : Walk.expressions(s)) {
          Walk.nodes(e, node -> {
            if (node instanceof Expr.StaticField field && field.privateFinal()) {
              fields.putIfAbsent(GeneratedNames.privateFieldCopy(field.owner(), field.field()), field);
            }
          });
        }
      });
    }
    if (fields.isEmpty()) {
      return;
    }
    CodeBlock.Builder init = CodeBlock.builder().beginControlFlow("try");
    for (Map.Entry<String, Expr.StaticField> e : fields.entrySet()) {
      Expr.StaticField f = e.getValue();
      ClassName owner = ClassNames.of(f.owner());
      type.addField(FieldSpec.builder(TypeNames.of(f.type()), e.getKey(), Modifier.PRIVATE, Modifier.STATIC,
          Modifier.FINAL).build());
      init.addStatement("$L = ($T) $T.privateLookupIn($T.class, $T.lookup())\n.findStaticGetter($T.class, $S, $T.class)"
              + ".invoke()", e.getKey(), TypeNames.of(f.type()), MethodHandles.class, owner, MethodHandles.class,
          owner, f.field(), TypeNames.raw(TypeNames.of(f.type())));
    }
    init.nextControlFlow("catch ($T e)", Throwable.class)
        .addStatement("throw new $T(e)", ExceptionInInitializerError.class)
        .endControlFlow();
    type.addStaticBlock(init.build());
  }
}
