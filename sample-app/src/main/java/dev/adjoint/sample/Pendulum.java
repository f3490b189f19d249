package dev.adjoint.sample;

import dev.adjoint.Checkpointed;
import dev.adjoint.Differentiable;

/**
 * A damped pendulum, {@code theta'' = -(g / length) sin(theta) - damping theta'}, integrated with
 * semi-implicit Euler steps (the velocity first, then the angle with the new velocity), and a loss
 * of its final state. The same loop twice: as written, and marked {@code @Checkpointed}.
 */
public final class Pendulum {
    static final double GRAVITY = 9.81;
    static final double DT = 1e-4;

    private Pendulum() {
    }

    /** The final state's energy-like loss after {@code steps} steps; its gradient records every step. */
    @Differentiable
    public static double finalLoss(double theta0, double omega0, double damping, double length, int steps) {
        double theta = theta0;
        double omega = omega0;
        for (int step = 0; step < steps; step++) {
            omega = omega - DT * (GRAVITY / length * Math.sin(theta) + damping * omega);
            theta = theta + DT * omega;
        }
        return theta * theta + length * omega * omega;
    }

    /** The same, with the loop checkpointed: its gradient records one step at a time. */
    @Differentiable
    public static double finalLossCheckpointed(double theta0, double omega0, double damping, double length,
            int steps) {
        double theta = theta0;
        double omega = omega0;
        for (@Checkpointed int step = 0; step < steps; step++) {
            omega = omega - DT * (GRAVITY / length * Math.sin(theta) + damping * omega);
            theta = theta + DT * omega;
        }
        return theta * theta + length * omega * omega;
    }
}
