package dev.adjoint.sample.bench;

import java.nio.file.Path;

/**
 * A bundle adjustment instance: n cameras, m points and p observations.
 *
 * <p>ADBench stores one camera, point, weight and feature and replicates them; observation i
 * looks at point {@code i mod m} from camera {@code i mod n}. The replicas are separate arrays
 * so that the benchmark touches as much memory as a real instance would.
 */
public final class BaInput {
    /** Values per camera: rotation 3, centre 3, focal 1, principal point 2, distortion 2. */
    public static final int CAMERA_SIZE = 11;
    /** Values per point. */
    public static final int POINT_SIZE = 3;

    public final double[][] cameras;
    public final double[][] points;
    public final double[] weights;
    public final double[][] features;
    public final int[] cameraOf;
    public final int[] pointOf;

    private BaInput(double[][] cameras, double[][] points, double[] weights, double[][] features,
                    int[] cameraOf, int[] pointOf) {
        this.cameras = cameras;
        this.points = points;
        this.weights = weights;
        this.features = features;
        this.cameraOf = cameraOf;
        this.pointOf = pointOf;
    }

    /** Reads a {@code ba*.txt} file and builds the full instance. */
    public static BaInput read(Path file) {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * Reads a {@code ba*.txt} file, keeping at most {@code maxObservations} observations (the
     * quick smoke run uses a prefix; cameras and points are kept in full).
     */
    public static BaInput read(Path file, int maxObservations) {
        AdbenchData.NumberReader in = AdbenchData.numbers(file);
        int n = in.nextInt();
        int m = in.nextInt();
        int p = Math.min(in.nextInt(), maxObservations);
        double[] camera = in.nextDoubles(CAMERA_SIZE);
        double[] point = in.nextDoubles(POINT_SIZE);
        double weight = in.nextDouble();
        double[] feature = in.nextDoubles(2);

        double[][] cameras = new double[n][];
        for (int i = 0; i < n; i++) {
            cameras[i] = camera.clone();
        }
        double[][] points = new double[m][];
        for (int i = 0; i < m; i++) {
            points[i] = point.clone();
        }
        double[] weights = new double[p];
        double[][] features = new double[p][];
        int[] cameraOf = new int[p];
        int[] pointOf = new int[p];
        for (int i = 0; i < p; i++) {
            weights[i] = weight;
            features[i] = feature.clone();
            cameraOf[i] = i % n;
            pointOf[i] = i % m;
        }
        return new BaInput(cameras, points, weights, features, cameraOf, pointOf);
    }

    /** Reads a file from the ADBench data folder by name. */
    public static BaInput read(String name, int maxObservations) {
        return read(AdbenchData.file(name), maxObservations);
    }

    public int observations() {
        return weights.length;
    }

    public double[] camera(int observation) {
        return cameras[cameraOf[observation]];
    }

    public double[] point(int observation) {
        return points[pointOf[observation]];
    }
}
