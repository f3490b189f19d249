package dev.adjoint.sample;

import dev.adjoint.Differentiable;

/**
 * A projectile with quadratic air drag, integrated with classic fourth-order Runge-Kutta steps,
 * written the way Commons Math and Hipparchus write an ODE: a right-hand side that fills an array
 * of rates. {@link #rhs} is itself a {@code @Differentiable} entry point returning {@code void}
 * (its result is {@code dydt}); {@link #range} calls it through the integrator, and its writes
 * carry derivatives.
 */
public final class Projectile {
    static final double GRAVITY = 9.81;

    private Projectile() {
    }

    /** State y = (x, height, vx, vy); {@code drag} is the drag coefficient over the mass. */
    @Differentiable
    public static void rhs(double t, double[] y, double drag, double[] dydt) {
        double speed = Math.sqrt(y[2] * y[2] + y[3] * y[3]);
        dydt[0] = y[2];
        dydt[1] = y[3];
        dydt[2] = -drag * speed * y[2];
        dydt[3] = -GRAVITY - drag * speed * y[3];
    }

    /** {@code out = y + a * k}: where the next Runge-Kutta stage evaluates the rates. */
    static void stage(double[] y, double a, double[] k, double[] out) {
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + a * k[i];
        }
    }

    /** One RK4 step of length h, in place. */
    static void step(double t, double[] y, double drag, double h) {
        double[] k1 = new double[y.length];
        double[] k2 = new double[y.length];
        double[] k3 = new double[y.length];
        double[] k4 = new double[y.length];
        double[] at = new double[y.length];
        rhs(t, y, drag, k1);
        stage(y, 0.5 * h, k1, at);
        rhs(t + 0.5 * h, at, drag, k2);
        stage(y, 0.5 * h, k2, at);
        rhs(t + 0.5 * h, at, drag, k3);
        stage(y, h, k3, at);
        rhs(t + h, at, drag, k4);
        for (int i = 0; i < y.length; i++) {
            y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }

    /** How far the projectile flies in {@code time} seconds, launched at {@code speed} and {@code angle}. */
    @Differentiable
    public static double range(double speed, double angle, double drag, double time, int steps) {
        double[] y = {0, 0, speed * Math.cos(angle), speed * Math.sin(angle)};
        double h = time / steps;
        for (int s = 0; s < steps; s++) {
            step(s * h, y, drag, h);
        }
        return y[0];
    }
}
