package dev.adjoint.sample;

/**
 * Plain full-batch gradient descent on {@link LogisticRegression#loss}. Each step asks Adjoint
 * for the loss and its gradient with respect to every weight in one reverse pass.
 */
final class GradientDescent {
    static final int EPOCHS = 200;
    static final double LEARNING_RATE = 0.5;

    private GradientDescent() {
    }

    /** Sees the loss at the start of each epoch, and once more after the last step. */
    interface Progress {
        void epoch(int epoch, double loss);
    }

    /**
     * Trains from zero weights and returns the final weights. {@code progress} sees the loss
     * before each step and its epoch number, and the final loss with epoch {@code epochs}.
     */
    static double[] train(LabelledPoints data, int epochs, double learningRate, Progress progress) {
        double[] w = new double[data.featureCount() + 1];
        for (int epoch = 0; epoch < epochs; epoch++) {
            LogisticRegressionDerivatives.LossGradient step =
                    LogisticRegressionDerivatives.lossGradient(w, data.features(), data.labels());
            progress.epoch(epoch, step.value());
            for (int k = 0; k < w.length; k++) {
                w[k] -= learningRate * step.w()[k];
            }
        }
        progress.epoch(epochs, LogisticRegression.loss(w, data.features(), data.labels()));
        return w;
    }
}
