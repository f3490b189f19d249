package dev.adjoint.sample;

import java.io.PrintStream;
import java.util.Locale;

/** The {@code train} command: fits logistic regression to the two blobs and reports progress. */
final class TrainDemo {
    static final int REPORT_EVERY = 20;

    private TrainDemo() {
    }

    static void run(PrintStream out) {
        LabelledPoints data = TwoBlobs.generate();
        out.printf(Locale.ROOT, "Logistic regression on %d points in 2 classes (two Gaussian blobs, seed %d),%n",
                data.size(), TwoBlobs.SEED);
        out.printf(Locale.ROOT, "full-batch gradient descent, learning rate %.2f, %d epochs;%n",
                GradientDescent.LEARNING_RATE, GradientDescent.EPOCHS);
        out.println("the gradient of the loss comes from LogisticRegressionDerivatives.lossGradient.");
        out.println();
        out.println("   epoch   mean cross-entropy");
        double[] w = GradientDescent.train(data, GradientDescent.EPOCHS, GradientDescent.LEARNING_RATE,
                (epoch, loss) -> {
                    if (epoch % REPORT_EVERY == 0 || epoch == GradientDescent.EPOCHS) {
                        out.printf(Locale.ROOT, "   %5d   %.6f%n", epoch, loss);
                    }
                });
        out.println();
        out.printf(Locale.ROOT, "weights: bias %.4f, w1 %.4f, w2 %.4f%n", w[0], w[1], w[2]);
        out.printf(Locale.ROOT, "training accuracy: %.1f%%%n", 100.0 * LogisticRegression.accuracy(w, data));
    }
}
