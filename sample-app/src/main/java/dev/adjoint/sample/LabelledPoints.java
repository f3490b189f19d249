package dev.adjoint.sample;

/**
 * A two-class data set: one row of features per point and a label 0 or 1 for each. Labels are
 * doubles because the loss multiplies by them.
 *
 * @param features {@code features[i]} holds the features of point i
 * @param labels {@code labels[i]} is 0 or 1
 */
record LabelledPoints(double[][] features, double[] labels) {
    int size() {
        return labels.length;
    }

    int featureCount() {
        return features[0].length;
    }
}
