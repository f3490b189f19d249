package dev.adjoint.sample.bench;

/**
 * One way of writing a benchmark's function, with the benchmark's contact with the code Adjoint
 * generated for it: what a row times for "f", "reverse" and "tangent". Each call returns a number
 * from its result for the timer's sink.
 */
interface GeneratedForm {
    /** The function itself. */
    double value();

    /** The full gradient by the generated reverse mode. */
    double gradient();

    /** One Jacobian-vector product by the generated forward mode, in the all-ones direction. */
    double tangent();

    /** The gradient in {@link ParameterRows} order, for checking. */
    double[] flatGradient();

    /**
     * The arrays the function reads its differentiable parameters from, in {@link ParameterRows}
     * order: changing an entry changes the function (finite differences perturb them).
     */
    double[][] parameterRows();
}
