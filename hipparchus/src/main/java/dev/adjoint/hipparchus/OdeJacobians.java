package dev.adjoint.hipparchus;

import dev.adjoint.DifferentiableMethod;
import dev.adjoint.Jacobian;
import dev.adjoint.optim.BoundArguments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hipparchus.ode.ODEJacobiansProvider;

/**
 * The right-hand side of an ODE {@code y' = f(t, y, k...)} with its exact Jacobians from generated
 * code, as the {@link ODEJacobiansProvider} that Hipparchus's {@code VariationalEquation} takes to
 * integrate the sensitivities dy(t)/dy(t0) and dy(t)/dk along with the state.
 *
 * <p>Hipparchus 3.1 has no implicit (stiff) integrator; its integrators are explicit Runge-Kutta,
 * Adams and Gragg-Bulirsch-Stoer, and the only consumer of an ODE Jacobian is the variational
 * equations. This is the adapter for that.
 *
 * <p>For {@code @Differentiable static double[] rates(double t, double[] y, double k)} (or
 * {@code static void rates(double t, double[] y, double k, double[] dydt)}, with {@code null} for
 * {@code dydt} after {@code 0.7}):
 * <pre>{@code
 * ODEJacobiansProvider ode = OdeJacobians.of(Derivatives.of(Decay.class, "rates"), "t", "y", 0.0, y0, 0.7);
 * ExpandableODE expandable = new ExpandableODE(ode);
 * VariationalEquation variational = new VariationalEquation(expandable, ode);
 * ODEState start = variational.setUpInitialState(new ODEState(0.0, y0));
 * ODEStateAndDerivative end = new DormandPrince853Integrator(1e-8, 1, 1e-10, 1e-10).integrate(expandable, start, 2.0);
 * double[][] dyEndDy0 = variational.extractMainSetJacobian(end);
 * double[] dyEndDk = variational.extractParameterJacobian(end, "k");
 * }</pre>
 */
public final class OdeJacobians {
  private OdeJacobians() {}

  /**
   * From a registered method returning {@code double[]}, or returning {@code void} and writing the
   * rates into a {@code double[]} parameter, as {@code rhs(t, y, k, dydt)} does (that argument is
   * ignored and may be null: each call gets a new array of the state's length). Its {@code double} parameter named
   * {@code time} is the time, its {@code double[]} parameter named {@code state} the state; every
   * other differentiable {@code double} parameter is a named parameter of the ODE (its name as in the
   * source), whose Jacobian Hipparchus may ask for. Other arguments stay as given. Each Jacobian is
   * built with {@link Jacobian#of} in its automatic mode; the parameter columns of one (t, y) are
   * kept for the parameter Jacobians that Hipparchus asks for next.
   *
   * @param rates the right-hand side f
   * @param time the name of the time parameter
   * @param state the name of the state parameter
   * @param args one argument per parameter; the time's entry is ignored, the state's is a state of
   *     the right length (the initial state, say), from which the dimension is taken
   * @return the ODE with its Jacobians
   */
  public static ODEJacobiansProvider of(DifferentiableMethod rates, String time, String state, Object... args) {
    int output = rates.outputParameter();
    if (rates.returnType() != double[].class && output < 0) {
      throw new IllegalArgumentException(rates + " returns " + rates.returnType().getSimpleName()
          + "; an ODE's right-hand side returns the rates as a double[] or writes them into one");
    }
    int timeIndex = rates.parameterNames().indexOf(time);
    if (timeIndex < 0 || rates.parameterTypes().get(timeIndex) != double.class) {
      throw new IllegalArgumentException(rates + " has no double parameter named \"" + time
          + "\"; its parameters are " + rates.parameterNames());
    }
    BoundArguments bound = BoundArguments.of(rates, state, args);
    if (!(args[bound.index()] instanceof double[] initial)) {
      throw new IllegalArgumentException("pass a state (the initial state, say) as the \"" + state
          + "\" argument of OdeJacobians.of, so that the ODE's dimension is known");
    }
    if (output == bound.index()) {
      throw new IllegalArgumentException(rates + " writes its result into the state " + state + "; an ODE's"
          + " right-hand side writes the rates into an array of their own, as rhs(t, y, dydt) does");
    }
    List<String> parameters = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (i != timeIndex && rates.parameterTypes().get(i) == double.class && rates.isDifferentiable(i)) {
        parameters.add(rates.parameterNames().get(i));
      }
    }
    return new RegisteredRates(rates, bound, timeIndex, output, initial.length, List.copyOf(parameters));
  }

  /**
   * From typed generated code: {@code rates} is the original method, {@code tangent} its generated
   * tangent with respect to the state (one pass per state component). No named parameters.
   *
   * @param dimension the state's length
   * @param rates f(t, y)
   * @param tangent (t, y, yDot) -&gt; J(t, y) * yDot
   * @return the ODE with its Jacobian
   */
  public static ODEJacobiansProvider forward(int dimension, Rates rates, StateTangent tangent) {
    Objects.requireNonNull(rates, "rates");
    Objects.requireNonNull(tangent, "tangent");
    return new ODEJacobiansProvider() {
      @Override
      public int getDimension() {
        return dimension;
      }

      @Override
      public double[] computeDerivatives(double t, double[] y) {
        return rates.at(t, y.clone());
      }

      @Override
      public double[][] computeMainStateJacobian(double t, double[] y, double[] yDot) {
        return JacobianColumns.forward((point, direction) -> tangent.apply(t, point, direction), y, dimension);
      }
    };
  }

  /** f(t, y), for {@link #forward}: a method reference to the original method fits. */
  @FunctionalInterface
  public interface Rates {
    /**
     * @param t the time
     * @param y the state
     * @return y'
     */
    double[] at(double t, double[] y);
  }

  /** J(t, y) * yDot, for {@link #forward}: a lambda around the generated tangent fits. */
  @FunctionalInterface
  public interface StateTangent {
    /**
     * @param t the time
     * @param y the state
     * @param yDot the direction
     * @return the Jacobian with respect to the state times the direction
     */
    double[] apply(double t, double[] y, double[] yDot);
  }

  /** The registry-backed provider; keeps the last full Jacobian for the parameter columns. */
  private static final class RegisteredRates implements ODEJacobiansProvider {
    private final DifferentiableMethod rates;
    private final BoundArguments bound;
    private final int timeIndex;
    /** The array a void right-hand side writes the rates into, or -1. */
    private final int output;
    private final int dimension;
    private final List<String> parameters;
    private double lastTime = Double.NaN;
    private double[] lastState;
    private double[][] lastJacobian;

    RegisteredRates(DifferentiableMethod rates, BoundArguments bound, int timeIndex, int output, int dimension,
        List<String> parameters) {
      this.output = output;
      this.dimension = dimension;
      this.rates = rates;
      this.bound = bound;
      this.timeIndex = timeIndex;
      this.parameters = parameters;
    }

    @Override
    public int getDimension() {
      return dimension;
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
      return (double[]) rates.invoke(arguments(t, y));
    }

    @Override
    public double[][] computeMainStateJacobian(double t, double[] y, double[] yDot) {
      double[][] full = jacobian(t, y);
      int first = BoundArguments.firstColumn(rates, bound.index(), arguments(t, y));
      double[][] main = new double[full.length][];
      for (int r = 0; r < full.length; r++) {
        main[r] = Arrays.copyOfRange(full[r], first, first + y.length);
      }
      return main;
    }

    @Override
    public List<String> getParametersNames() {
      return parameters;
    }

    @Override
    public boolean isSupported(String name) {
      return parameters.contains(name);
    }

    @Override
    public double[] computeParameterJacobian(double t, double[] y, double[] yDot, String name) {
      if (!isSupported(name)) {
        throw new IllegalArgumentException("unknown parameter \"" + name + "\"; the ODE's parameters are " + parameters);
      }
      double[][] full = jacobian(t, y);
      int column = BoundArguments.firstColumn(rates, rates.parameterNames().indexOf(name), arguments(t, y));
      double[] result = new double[full.length];
      for (int r = 0; r < full.length; r++) {
        result[r] = full[r][column];
      }
      return result;
    }

    private synchronized double[][] jacobian(double t, double[] y) {
      if (lastJacobian == null || t != lastTime || !Arrays.equals(y, lastState)) {
        lastJacobian = Jacobian.of(rates, arguments(t, y));
        lastTime = t;
        lastState = y.clone();
      }
      return lastJacobian;
    }

    private Object[] arguments(double t, double[] y) {
      Object[] at = bound.at(y.clone());
      at[timeIndex] = t;
      if (output >= 0) {
        // A fresh array for the rates each call: Hipparchus keeps the arrays it is given.
        at[output] = new double[dimension];
      }
      return at;
    }
  }
}
