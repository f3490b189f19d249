package dev.adjoint.sample.bench;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * ADBench's LSTM objective ported line by line from its reference C++ (src/cpp/shared/lstm.h):
 * the same loops over flat arrays, the same helpers. {@link Lstm} is the same loss restructured
 * for the processor.
 *
 * <p>Layouts as in ADBench, with l layers and width b: {@code mainParams} is per layer 8b numbers
 * (weights of the forget, input, output and change gates, then their biases), {@code extraParams}
 * 3b (input weight, output weight, output bias), {@code state} per layer 2b (hidden, then cell),
 * {@code sequence} c rows of b. The C++ structs {@code LayerParams}, {@code LayerState} ... are
 * views into those arrays; here they are offsets. ADBench passes {@code state} by value, so the
 * port copies it.
 *
 * <p>The helpers are plain static methods, as in the C++: the processor differentiates through
 * their bodies, {@code void} writers included. Only the entry point is annotated.
 */
public final class LstmPort {
    private LstmPort() {
    }

    @Differentiable
    public static double objective(int l, int c, int b, double[] mainParams, double[] extraParams,
                                   double[] state, @NoDerivative double[] sequence) {
        double[] stateCopy = state.clone();
        double total = 0.0;
        int count = 0;
        double[] ypred = new double[b];
        double[] ynorm = new double[b];
        for (int t = 0; t < c - 1; ++t) {
            lstmPredict(l, b, mainParams, extraParams, stateCopy, sequence, t * b, ypred);

            double lse = logsumexp(ypred, b);
            for (int i = 0; i < b; i++) {
                ynorm[i] = ypred[i] - lse;
            }

            int ygold = (t + 1) * b;
            for (int i = 0; i < b; i++) {
                total += sequence[ygold + i] * ynorm[i];
            }

            count += b;
        }

        return -total / count;
    }

    /** One layer's step: updates its hidden and cell state in {@code state}. */
    static void lstmModel(int hsize, double[] params, int paramsOff, double[] state,
                              int stateOff, double[] input, int inputOff) {
        int weight = paramsOff;
        int bias = paramsOff + 4 * hsize;
        int hidden = stateOff;
        int cell = stateOff + hsize;
        for (int i = 0; i < hsize; ++i) {
            double forget = sigmoid(input[inputOff + i] * params[weight + i] + params[bias + i]);
            double ingate = sigmoid(state[hidden + i] * params[weight + hsize + i]
                    + params[bias + hsize + i]);
            double outgate = sigmoid(input[inputOff + i] * params[weight + 2 * hsize + i]
                    + params[bias + 2 * hsize + i]);
            double change = Math.tanh(state[hidden + i] * params[weight + 3 * hsize + i]
                    + params[bias + 3 * hsize + i]);

            state[cell + i] = state[cell + i] * forget + ingate * change;
            state[hidden + i] = outgate * Math.tanh(state[cell + i]);
        }
    }

    /** Runs the input at {@code inputOff} up the stack, updating the state; writes {@code output}. */
    static void lstmPredict(int l, int b, double[] mainParams, double[] extraParams,
                                double[] state, double[] input, int inputOff,
                                double[] output) {
        for (int i = 0; i < b; ++i) {
            output[i] = input[inputOff + i] * extraParams[i];
        }

        double[] layerOutput = output;
        int layerOutputOff = 0;

        for (int i = 0; i < l; ++i) {
            lstmModel(b, mainParams, 8 * b * i, state, 2 * b * i, layerOutput, layerOutputOff);
            layerOutput = state;
            layerOutputOff = 2 * b * i;
        }

        for (int i = 0; i < b; ++i) {
            output[i] = layerOutput[layerOutputOff + i] * extraParams[b + i] + extraParams[2 * b + i];
        }
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** lstm.h's logsumexp: log(2 + sum exp), without shifting by the maximum. */
    static double logsumexp(double[] vect, int sz) {
        double sum = 0.0;
        for (int i = 0; i < sz; ++i) {
            sum += Math.exp(vect[i]);
        }
        sum += 2;
        return Math.log(sum);
    }
}
