package dev.adjoint.sample.bench;

/** How far two derivative results are apart, relative to the size of the reference. */
final class Agreement {
    private Agreement() {
    }

    static double maxRelativeDifference(double[] reference, double[] other) {
        if (reference.length != other.length) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = Double.MIN_NORMAL;
        for (double value : reference) {
            scale = Math.max(scale, Math.abs(value));
        }
        double worst = 0.0;
        for (int i = 0; i < reference.length; i++) {
            double difference = Math.abs(reference[i] - other[i]);
            // NaN must not pass as agreement.
            worst = difference > worst || Double.isNaN(difference) ? difference : worst;
        }
        return worst / scale;
    }

    static double maxRelativeDifference(BaJacobian reference, BaJacobian other) {
        double worst = Math.max(
                maxRelativeDifference(reference.weightErrors, other.weightErrors),
                maxRelativeDifference(reference.weightDerivatives, other.weightDerivatives));
        for (int i = 0; i < reference.blocks.length; i++) {
            worst = worst(worst, maxRelativeDifference(reference.blocks[i], other.blocks[i]));
            worst = worst(worst, maxRelativeDifference(reference.errors[i], other.errors[i]));
        }
        return worst;
    }

    private static double worst(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }
}
