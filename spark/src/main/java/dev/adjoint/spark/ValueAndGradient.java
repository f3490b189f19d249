package dev.adjoint.spark;

import java.io.Serializable;

/**
 * A loss and its gradient with respect to the weights, at one point. The record does not copy
 * {@code gradient}: whoever builds one hands the array over.
 */
public record ValueAndGradient(double value, double[] gradient) implements Serializable {
    private static final long serialVersionUID = 1L;
}
