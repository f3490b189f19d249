/**
 * What generated companion classes call: the {@link dev.adjoint.spi.DerivativeRegistry} they register
 * with, the {@link dev.adjoint.spi.GeneratedMethod} base class of what they register, the
 * {@link dev.adjoint.spi.Tape} of their reverse sweeps and array helpers. Not meant for user code:
 * use {@link dev.adjoint.Derivatives} instead. These types change together with the processor, so
 * the processor and runtime versions on a class path should match.
 */
package dev.adjoint.spi;
