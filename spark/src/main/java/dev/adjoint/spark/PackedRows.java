package dev.adjoint.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of one partition packed into the arrays a generated gradient takes: {@code features[i]}
 * and {@code labels[i]} describe row i. Packing happens once, when the data are cached, not on
 * every gradient evaluation.
 */
record PackedRows(double[][] features, double[] labels) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Packs rows whose last element is the label and whose other elements are the features. */
    static PackedRows ofLabelLast(Iterator<double[]> rows) {
        List<double[]> features = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        while (rows.hasNext()) {
            double[] row = rows.next();
            if (row.length < 1) {
                throw new IllegalArgumentException("a row needs at least a label; this one is empty");
            }
            double[] point = new double[row.length - 1];
            System.arraycopy(row, 0, point, 0, point.length);
            features.add(point);
            labels.add(row[row.length - 1]);
        }
        double[] labelArray = new double[labels.size()];
        for (int i = 0; i < labelArray.length; i++) {
            labelArray[i] = labels.get(i);
        }
        return new PackedRows(features.toArray(new double[0][]), labelArray);
    }

    int size() {
        return labels.length;
    }
}
