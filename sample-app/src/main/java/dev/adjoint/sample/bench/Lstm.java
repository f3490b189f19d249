package dev.adjoint.sample.bench;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * ADBench's LSTM objective (src/cpp/shared/lstm.h): a stack of LSTM layers reads a sequence of
 * b-vectors and is scored by the cross-entropy of predicting each next vector. Written in the
 * subset the Adjoint processor accepts.
 *
 * <p>Layouts, with l layers and b the width of every vector:
 * {@code mainParams} has 2l rows of 4b: row 2j the weights and row 2j+1 the biases of layer j,
 * each split into forget, input, output and change gates in that order;
 * {@code extraParams} has 3 rows of b: input scaling, output weight, output bias;
 * {@code state} has 2l rows of b: row 2j the hidden and row 2j+1 the cell state of layer j;
 * {@code sequence} has c rows of b.
 *
 * <p>ADBench's quirks are kept on purpose so that costs compare with published numbers: each
 * gate has one weight per unit (element-wise, not a matrix); the forget and output gates read
 * the layer input while the input gate and the change read the old hidden state; and its
 * log-sum-exp adds 2 to the sum of exponentials.
 */
public final class Lstm {
    private Lstm() {
    }

    /**
     * Mean cross-entropy loss over the sequence. ADBench updates {@code state} in place; here it
     * is copied first so that the objective has no side effect on its arguments.
     */
    @Differentiable
    public static double loss(double[][] mainParams, double[][] extraParams, double[][] state,
                              @NoDerivative double[][] sequence) {
        int b = sequence[0].length;
        int layers = mainParams.length / 2;
        double[][] s = new double[state.length][b];
        for (int r = 0; r < state.length; r++) {
            for (int i = 0; i < b; i++) {
                s[r][i] = state[r][i];
            }
        }
        double total = 0.0;
        int count = 0;
        for (int t = 0; t < sequence.length - 1; t++) {
            // lstm_predict: scale the input, run it up the stack, then map to the output.
            double[] layerInput = new double[b];
            for (int i = 0; i < b; i++) {
                layerInput[i] = sequence[t][i] * extraParams[0][i];
            }
            for (int layer = 0; layer < layers; layer++) {
                double[] cell = nextCell(mainParams[2 * layer], mainParams[2 * layer + 1],
                        s[2 * layer], s[2 * layer + 1], layerInput);
                double[] hidden = nextHidden(mainParams[2 * layer], mainParams[2 * layer + 1],
                        layerInput, cell);
                for (int i = 0; i < b; i++) {
                    s[2 * layer][i] = hidden[i];
                    s[2 * layer + 1][i] = cell[i];
                }
                layerInput = hidden;
            }
            double[] prediction = new double[b];
            for (int i = 0; i < b; i++) {
                prediction[i] = layerInput[i] * extraParams[1][i] + extraParams[2][i];
            }
            double lse = logSumExpPlusTwo(prediction);
            for (int i = 0; i < b; i++) {
                total += sequence[t + 1][i] * (prediction[i] - lse);
            }
            count += b;
        }
        return -total / count;
    }

    /** The cell state after one step: old cell * forget gate + input gate * change. */
    @Differentiable
    public static double[] nextCell(double[] weight, double[] bias, double[] hidden,
                                    double[] cell, double[] input) {
        int b = cell.length;
        double[] out = new double[b];
        for (int i = 0; i < b; i++) {
            double forget = sigmoid(input[i] * weight[i] + bias[i]);
            double inGate = sigmoid(hidden[i] * weight[b + i] + bias[b + i]);
            double change = Math.tanh(hidden[i] * weight[3 * b + i] + bias[3 * b + i]);
            out[i] = cell[i] * forget + inGate * change;
        }
        return out;
    }

    /** The hidden state after one step: output gate * tanh(new cell). */
    @Differentiable
    public static double[] nextHidden(double[] weight, double[] bias, double[] input,
                                      double[] newCell) {
        int b = newCell.length;
        double[] out = new double[b];
        for (int i = 0; i < b; i++) {
            double outGate = sigmoid(input[i] * weight[2 * b + i] + bias[2 * b + i]);
            out[i] = outGate * Math.tanh(newCell[i]);
        }
        return out;
    }

    @Differentiable
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** ADBench's lstm logsumexp: log(2 + sum exp(v)), without max shifting. */
    @Differentiable
    public static double logSumExpPlusTwo(double[] v) {
        double sum = 0.0;
        for (int i = 0; i < v.length; i++) {
            sum += Math.exp(v[i]);
        }
        sum += 2;
        return Math.log(sum);
    }
}
