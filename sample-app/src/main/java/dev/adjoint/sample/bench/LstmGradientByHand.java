package dev.adjoint.sample.bench;

/**
 * The gradient of {@link Lstm#loss} by hand-written backpropagation through time.
 *
 * <p>The forward sweep runs the model exactly as {@link Lstm#loss} does and records, for every
 * step and layer, what the backward sweep needs: the layer input, the state before the step,
 * the four gate activations and tanh of the new cell. The backward sweep walks the steps in
 * reverse, carrying the adjoints of the hidden and cell state of every layer from one step to
 * the previous one; within a step it walks the layers top-down so that a layer's input adjoint
 * is added to the hidden-state adjoint of the layer below before that layer is processed.
 */
public final class LstmGradientByHand {
    private LstmGradientByHand() {
    }

    /**
     * Writes d loss / d mainParams, extraParams and state into the {@code *Bar} arrays (shaped
     * like the parameters, overwritten) and returns the loss. {@code state} is not changed.
     */
    public static double gradient(double[][] mainParams, double[][] extraParams, double[][] state,
                                  double[][] sequence, double[][] mainBar, double[][] extraBar,
                                  double[][] stateBar) {
        int b = sequence[0].length;
        int layers = mainParams.length / 2;
        int steps = sequence.length - 1;

        // Recorded activations, indexed [step][layer][unit].
        double[][][] input = new double[steps][layers][];
        double[][][] hiddenBefore = new double[steps][layers][b];
        double[][][] cellBefore = new double[steps][layers][b];
        double[][][] forget = new double[steps][layers][b];
        double[][][] inGate = new double[steps][layers][b];
        double[][][] outGate = new double[steps][layers][b];
        double[][][] change = new double[steps][layers][b];
        double[][][] tanhCell = new double[steps][layers][b];
        double[][] topHidden = new double[steps][];
        double[][] softmax = new double[steps][b];   // exp(prediction) / (sum exp + 2)

        double[][] hidden = new double[layers][b];
        double[][] cell = new double[layers][b];
        for (int layer = 0; layer < layers; layer++) {
            hidden[layer] = state[2 * layer].clone();
            cell[layer] = state[2 * layer + 1].clone();
        }

        double total = 0.0;
        int count = 0;
        double[] prediction = new double[b];
        for (int t = 0; t < steps; t++) {
            double[] in = new double[b];
            for (int i = 0; i < b; i++) {
                in[i] = sequence[t][i] * extraParams[0][i];
            }
            for (int layer = 0; layer < layers; layer++) {
                double[] weight = mainParams[2 * layer];
                double[] bias = mainParams[2 * layer + 1];
                double[] h = hidden[layer];
                double[] c = cell[layer];
                input[t][layer] = in;
                System.arraycopy(h, 0, hiddenBefore[t][layer], 0, b);
                System.arraycopy(c, 0, cellBefore[t][layer], 0, b);
                double[] f = forget[t][layer];
                double[] ig = inGate[t][layer];
                double[] og = outGate[t][layer];
                double[] ch = change[t][layer];
                double[] tc = tanhCell[t][layer];
                double[] out = new double[b];
                for (int i = 0; i < b; i++) {
                    f[i] = sigmoid(in[i] * weight[i] + bias[i]);
                    ig[i] = sigmoid(h[i] * weight[b + i] + bias[b + i]);
                    og[i] = sigmoid(in[i] * weight[2 * b + i] + bias[2 * b + i]);
                    ch[i] = Math.tanh(h[i] * weight[3 * b + i] + bias[3 * b + i]);
                }
                for (int i = 0; i < b; i++) {
                    c[i] = c[i] * f[i] + ig[i] * ch[i];
                    tc[i] = Math.tanh(c[i]);
                    out[i] = og[i] * tc[i];
                    h[i] = out[i];
                }
                in = out;
            }
            topHidden[t] = in;
            double sumExp = 0.0;
            for (int i = 0; i < b; i++) {
                prediction[i] = in[i] * extraParams[1][i] + extraParams[2][i];
                sumExp += Math.exp(prediction[i]);
            }
            sumExp += 2;
            double lse = Math.log(sumExp);
            for (int i = 0; i < b; i++) {
                total += sequence[t + 1][i] * (prediction[i] - lse);
                softmax[t][i] = Math.exp(prediction[i]) / sumExp;
            }
            count += b;
        }
        double loss = -total / count;

        for (double[] row : mainBar) {
            java.util.Arrays.fill(row, 0.0);
        }
        for (double[] row : extraBar) {
            java.util.Arrays.fill(row, 0.0);
        }
        // Adjoints of each layer's state after the step being processed.
        double[][] hiddenBar = new double[layers][b];
        double[][] cellBar = new double[layers][b];
        double totalBar = -1.0 / count;
        double[] inBar = new double[b];
        for (int t = steps - 1; t >= 0; t--) {
            // total += sum_i y_i (prediction_i - lse), lse = log(sum exp(prediction) + 2).
            double[] gold = sequence[t + 1];
            double goldSum = 0.0;
            for (int i = 0; i < b; i++) {
                goldSum += gold[i];
            }
            double[] top = hiddenBar[layers - 1];
            for (int i = 0; i < b; i++) {
                double predictionBar = totalBar * (gold[i] - goldSum * softmax[t][i]);
                extraBar[1][i] += predictionBar * topHidden[t][i];
                extraBar[2][i] += predictionBar;
                top[i] += predictionBar * extraParams[1][i];
            }
            for (int layer = layers - 1; layer >= 0; layer--) {
                double[] weight = mainParams[2 * layer];
                double[] weightBar = mainBar[2 * layer];
                double[] biasBar = mainBar[2 * layer + 1];
                double[] in = input[t][layer];
                double[] h = hiddenBefore[t][layer];
                double[] c = cellBefore[t][layer];
                double[] f = forget[t][layer];
                double[] ig = inGate[t][layer];
                double[] og = outGate[t][layer];
                double[] ch = change[t][layer];
                double[] tc = tanhCell[t][layer];
                double[] hBar = hiddenBar[layer];
                double[] cBar = cellBar[layer];
                for (int i = 0; i < b; i++) {
                    // hidden = og * tanh(cell); cell = c * f + ig * ch.
                    double ogBar = hBar[i] * tc[i];
                    double newCellBar = cBar[i] + hBar[i] * og[i] * (1 - tc[i] * tc[i]);
                    double fBar = newCellBar * c[i];
                    double igBar = newCellBar * ch[i];
                    double chBar = newCellBar * ig[i];
                    // Back through the activations to the pre-activations.
                    double zf = fBar * f[i] * (1 - f[i]);
                    double zi = igBar * ig[i] * (1 - ig[i]);
                    double zo = ogBar * og[i] * (1 - og[i]);
                    double zc = chBar * (1 - ch[i] * ch[i]);
                    weightBar[i] += zf * in[i];
                    weightBar[b + i] += zi * h[i];
                    weightBar[2 * b + i] += zo * in[i];
                    weightBar[3 * b + i] += zc * h[i];
                    biasBar[i] += zf;
                    biasBar[b + i] += zi;
                    biasBar[2 * b + i] += zo;
                    biasBar[3 * b + i] += zc;
                    inBar[i] = zf * weight[i] + zo * weight[2 * b + i];
                    // Now the adjoints of the state before this step.
                    hBar[i] = zi * weight[b + i] + zc * weight[3 * b + i];
                    cBar[i] = newCellBar * f[i];
                }
                if (layer > 0) {
                    // This layer's input is the new hidden state of the layer below.
                    double[] below = hiddenBar[layer - 1];
                    for (int i = 0; i < b; i++) {
                        below[i] += inBar[i];
                    }
                } else {
                    for (int i = 0; i < b; i++) {
                        extraBar[0][i] += inBar[i] * sequence[t][i];
                    }
                }
            }
        }
        for (int layer = 0; layer < layers; layer++) {
            System.arraycopy(hiddenBar[layer], 0, stateBar[2 * layer], 0, b);
            System.arraycopy(cellBar[layer], 0, stateBar[2 * layer + 1], 0, b);
        }
        return loss;
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
