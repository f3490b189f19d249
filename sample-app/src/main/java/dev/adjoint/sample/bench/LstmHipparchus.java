package dev.adjoint.sample.bench;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The LSTM loss gradient by Hipparchus forward-mode AD, one free parameter per entry of
 * mainParams, extraParams and state ({@link ParameterRows} order).
 */
public final class LstmHipparchus {
    private LstmHipparchus() {
    }

    /** The gradient into {@code out}; returns the loss. */
    public static double gradient(LstmInput in, double[] out) {
        double[][] sequence = in.sequence();
        int b = sequence[0].length;
        int layers = in.mainParams().length / 2;
        int free = in.parameterCount();
        int[] next = {0};
        Gradient[][] main = variables(in.mainParams(), free, next);
        Gradient[][] extra = variables(in.extraParams(), free, next);
        Gradient[][] state = variables(in.state(), free, next);
        Gradient zero = Gradient.constant(free, 0.0);

        Gradient total = zero;
        int count = 0;
        for (int t = 0; t < sequence.length - 1; t++) {
            Gradient[] input = new Gradient[b];
            for (int i = 0; i < b; i++) {
                input[i] = extra[0][i].multiply(sequence[t][i]);
            }
            for (int layer = 0; layer < layers; layer++) {
                Gradient[] weight = main[2 * layer];
                Gradient[] bias = main[2 * layer + 1];
                Gradient[] hidden = state[2 * layer];
                Gradient[] cell = state[2 * layer + 1];
                Gradient[] newHidden = new Gradient[b];
                for (int i = 0; i < b; i++) {
                    Gradient forget = sigmoid(input[i].multiply(weight[i]).add(bias[i]));
                    Gradient inGate = sigmoid(hidden[i].multiply(weight[b + i]).add(bias[b + i]));
                    Gradient outGate = sigmoid(input[i].multiply(weight[2 * b + i]).add(bias[2 * b + i]));
                    Gradient change = hidden[i].multiply(weight[3 * b + i]).add(bias[3 * b + i]).tanh();
                    cell[i] = cell[i].multiply(forget).add(inGate.multiply(change));
                    newHidden[i] = outGate.multiply(cell[i].tanh());
                }
                state[2 * layer] = newHidden;
                input = newHidden;
            }
            Gradient[] prediction = new Gradient[b];
            Gradient sumExp = zero;
            for (int i = 0; i < b; i++) {
                prediction[i] = input[i].multiply(extra[1][i]).add(extra[2][i]);
                sumExp = sumExp.add(prediction[i].exp());
            }
            Gradient lse = sumExp.add(2.0).log();
            for (int i = 0; i < b; i++) {
                total = total.add(prediction[i].subtract(lse).multiply(sequence[t + 1][i]));
            }
            count += b;
        }
        Gradient loss = total.negate().divide(count);
        System.arraycopy(loss.getGradient(), 0, out, 0, free);
        return loss.getValue();
    }

    private static Gradient[][] variables(double[][] values, int free, int[] next) {
        Gradient[][] out = new Gradient[values.length][];
        for (int r = 0; r < values.length; r++) {
            out[r] = new Gradient[values[r].length];
            for (int j = 0; j < values[r].length; j++) {
                out[r][j] = Gradient.variable(free, next[0]++, values[r][j]);
            }
        }
        return out;
    }

    private static Gradient sigmoid(Gradient x) {
        return x.negate().exp().add(1.0).reciprocal();
    }
}
