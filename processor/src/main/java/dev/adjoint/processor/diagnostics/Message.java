package dev.adjoint.processor.diagnostics;

/**
 * Every message the processor can report: a fixed text (with {@code %s} arguments) and a hint
 * that says what to do instead. Kept in one place so that the wording stays consistent and every
 * message has a test.
 */
public enum Message {
  NOT_STATIC(
      "@Differentiable method %s must be static",
      "make it static; instance methods cannot be differentiated"),
  PRIVATE_METHOD(
      "@Differentiable method %s must not be private",
      "make it package-private or public: the generated %s class calls it from outside the class"),
  ABSTRACT_METHOD(
      "@Differentiable method %s has no body",
      "differentiate a method that has a body (not abstract or native)"),
  GENERIC_METHOD(
      "@Differentiable method %s has type parameters",
      "use double, double[] or double[][] instead of type parameters"),
  VARARGS_METHOD(
      "@Differentiable method %s takes variable arguments",
      "declare the last parameter as an array (double[]) instead of varargs"),
  BAD_RETURN_TYPE(
      "@Differentiable method %s returns %s",
      "return double (for gradients) or double[] (for Jacobians), or write the result into a double[] parameter"
          + " of a void method"),
  /** A void entry point without one double[] output parameter that carries derivatives; the hint says what to do. */
  VOID_ENTRY_POINT(
      "@Differentiable method %s returns void but %s",
      "%s"),
  DUPLICATE_NAME(
      "class %s has more than one @Differentiable method named %s",
      "give each @Differentiable method its own name: the generated methods are named after it"),
  WRT_UNKNOWN(
      "wrt names \"%s\", which is not a parameter of %s",
      "name parameters of the method; its parameters are: %s"),
  WRT_NOT_DIFFERENTIABLE(
      "wrt names \"%s\", a parameter of type %s, which has no derivative",
      "only double, double[] and double[][] parameters can be differentiated"),
  WRT_NO_DERIVATIVE(
      "wrt names \"%s\", which is marked @NoDerivative",
      "remove it from wrt or remove @NoDerivative"),
  NO_DERIVATIVE_ON_CONSTANT(
      "@NoDerivative on parameter %s of type %s has no effect",
      "remove it: parameters of type %s are never differentiated"),
  ENCLOSING_NOT_SUPPORTED(
      "@Differentiable methods must belong to a top-level or static nested class, not to %s",
      "move the method into a top-level class or a static nested class"),
  /** A statement or an expression Adjoint does not differentiate; the hint says what to write instead. */
  UNSUPPORTED_CONSTRUCT(
      "%s cannot be differentiated",
      "%s"),
  UNSUPPORTED_TYPE(
      "%s has type %s, which Adjoint cannot handle inside a @Differentiable method",
      "use double, double[] or double[][] for values that carry derivatives; values of other types are constants"),
  UNKNOWN_NAME(
      "cannot resolve %s",
      "check that it is declared; Adjoint reads parameters, locals and static fields"),
  PRIVATE_MEMBER(
      "%s is private, and the generated %s class cannot read it",
      "make it package-private"),
  PRIVATE_FIELD_NOT_FINAL(
      "the private static field %s is not final: the generated %s class keeps its own copy of a private field,"
          + " taken once, and this one could change between calls",
      "make %s final, or package-private so that the generated class reads it where it is"),
  FIELD_WRITE(
      "assignment to field %s",
      "a @Differentiable method may read static fields but not write them; use a local variable or return the value"),
  NON_STATIC_CALL(
      "call of instance method %s on a value of type %s",
      "call instance methods on constant objects only (a String, an enum, a Random, a List, ...); double[],"
          + " double[][] and int[] values have .length and clone()"),
  CONSTANT_OBJECT_CALL(
      "call of %s passes a value that depends on a differentiable parameter to a method of %s: its result would"
          + " need a derivative Adjoint cannot know",
      "pass it only values that carry no derivative, or compute the value with arithmetic, java.lang.Math and"
          + " static methods of this build"),
  ARGUMENT_LOSES_DERIVATIVE(
      "argument %s of %s depends on a differentiable parameter, but %s declares that parameter %s, which carries"
          + " no derivative",
      "declare the parameter double, double[] or double[][], or pass a value that carries no derivative"),
  CALL_WITHOUT_DERIVATIVE(
      "call of %s passes a value that depends on a differentiable parameter, but %s has no derivative",
      "pass %s only values that carry no derivative, or compute the value in a static method compiled in this"
          + " build, which Adjoint differentiates through"),
  MATH_WITHOUT_DERIVATIVE(
      "%s is applied to a value that depends on a differentiable parameter, but it has no derivative",
      "%s"),
  CALLEE_NOT_COMPILED(
      "%s is @Differentiable but its derivatives class %s is not on the class path",
      "compile %s with the adjoint-processor annotation processor"),
  BAD_ARGUMENT_TYPE(
      "%s passes %s where %s expects %s",
      "use a value of that type; a double is not boxed into an object (Double, Object), which would lose its"
          + " derivative"),
  UNSUPPORTED_OPERATOR(
      "operator %s on %s",
      "%s"),
  ARRAY_WRITE_TO_CONSTANT(
      "the array %s holds constants (data from outside the method: a @NoDerivative parameter, a static field or"
          + " a call's result) but is assigned a value that depends on a differentiable parameter",
      "copy it into a new double[] local first and write into the copy"),
  RESERVED_PARAMETER_NAME(
      "differentiable parameter named %s: the generated records already have a component of that name",
      "rename the parameter"),
  GENERATED_NAME_CLASH(
      "%s",
      "rename one of them: generated names are built from class and method names"),
  CALLEE_HOLDS_ARGUMENT_CONSTANT(
      "the %s argument of %s depends on a differentiable parameter, but the derivatives of %s, compiled"
          + " without its source in this build, hold that parameter constant (@NoDerivative, or left out of its wrt)",
      "recompile %s with that parameter differentiable, or compile its source in the same build"
          + " (Adjoint then differentiates through its body); otherwise the derivative through this argument would be lost"),
  HELPER_NOT_DIFFERENTIABLE(
      "%s is given a value that depends on a differentiable parameter, but Adjoint cannot differentiate its body (%s)",
      "change %s so that it uses only what Adjoint supports, or pass it only values that carry no derivative"),
  PRIVATE_HELPER_NOT_COPIED(
      "%s is private, and Adjoint cannot copy it into the generated class (%s)",
      "make %s package-private, or write it with what Adjoint supports"),
  CALLEE_WRITES_ARGUMENT(
      "%s writes into or returns an array it is given, and this call cannot be inlined (it is recursive or too"
          + " large, or a @DerivativeOf rule gives its derivatives)",
      "return a new array from the callee instead of writing into its parameter or returning it"),
  JAR_CALLEE_WRITES_ARGUMENT(
      "%s returns void and writes its result into an array argument, and it comes from a jar: Adjoint cannot"
          + " carry derivatives through that write from its compiled derivatives",
      "compile the source of %s in the same build (Adjoint then differentiates through its body), or call it"
          + " only with arguments that carry no derivative"),
  RULE_TARGET_MISSING(
      "the @DerivativeOf rule names %s, which does not exist (%s)",
      "give the class that declares the static method with value = C.class, and its name with method = \"g\""),
  RULE_SIGNATURE(
      "this @DerivativeOf method does not fit its target %s: %s",
      "a partials rule takes exactly the target's parameters and returns d target / d x (a double for one double"
          + " parameter, a double[] otherwise); a target with array parameters or an array result takes a tangent"
          + " rule (its parameters, then one tangent per differentiable parameter) and a pullback rule (its"
          + " parameters, the result's adjoint, then one accumulator per differentiable array parameter)"),
  RULE_INCOMPLETE(
      "the @DerivativeOf %s rule of %s has no %s rule to go with it",
      "add %s: forward mode calls the tangent rule and reverse mode the pullback rule, so both are needed"),
  /** A {@code @Checkpointed} marker that cannot be honoured; the hint says where to put it instead. */
  CHECKPOINT_MISPLACED(
      "@Checkpointed %s",
      "%s"),
  DERIVATIVE_TOO_LARGE(
      "the generated method %s, a derivative of %s, would be too large for the JVM: %s KiB of bytecode,"
          + " where one method may have 64 KiB",
      "split %s into smaller static methods: a helper with a loop called in a loop stays a call, with derivative"
          + " methods of its own"),
  TOO_DEEP(
      "this expression is nested too deeply for Adjoint",
      "split it into several statements with local variables"),
  INTERNAL_ERROR(
      "Adjoint could not differentiate %s: %s",
      "this is a bug in Adjoint; please report it with the method's source");

  private final String text;
  private final String hint;

  Message(String text, String hint) {
    this.text = text;
    this.hint = hint;
  }

  /** The text, with a {@code %s} for each argument. */
  public String text() {
    return text;
  }

  /** What to do instead, with a {@code %s} for each argument the text leaves. */
  public String hint() {
    return hint;
  }

  /** Formats the message; arguments fill the text first, the remaining ones fill the hint. */
  public String format(Object... args) {
    int inText = count(text);
    Object[] textArgs = java.util.Arrays.copyOfRange(args, 0, Math.min(inText, args.length));
    Object[] hintArgs = args.length > inText ? java.util.Arrays.copyOfRange(args, inText, args.length) : new Object[0];
    String hintText = count(hint) <= hintArgs.length ? String.format(hint, hintArgs) : hint;
    return String.format(text, textArgs) + "\n  what to do: " + hintText;
  }

  private static int count(String s) {
    int n = 0;
    for (int i = s.indexOf("%s"); i >= 0; i = s.indexOf("%s", i + 2)) {
      n++;
    }
    return n;
  }
}
