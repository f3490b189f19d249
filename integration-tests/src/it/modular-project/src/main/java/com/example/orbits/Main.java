package com.example.orbits;

import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import java.util.Arrays;

/** Prints the energy's gradient both ways: java -p target/classes:adjoint-runtime.jar -m com.example.orbits/com.example.orbits.Main */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    double[] q = {1.0, 0.5};
    double[] p = {0.2, 0.9};
    OrbitDerivatives.EnergyGradient typed = OrbitDerivatives.energyGradient(q, p, 2.0);
    DifferentiableMethod energy = Derivatives.of(Orbit.class, "energy");
    Object[] boxed = energy.gradient(q, p, 2.0);
    System.out.println(Main.class.getModule() + " reads " + Derivatives.class.getModule());
    System.out.println("typed:    dE/dq = " + Arrays.toString(typed.q()) + ", dE/dp = " + Arrays.toString(typed.p()));
    System.out.println("registry: dE/dq = " + Arrays.toString((double[]) boxed[0]) + ", dE/dp = "
        + Arrays.toString((double[]) boxed[1]));
  }
}
