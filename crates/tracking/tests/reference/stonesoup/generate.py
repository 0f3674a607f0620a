"""Golden reference for Kizuna's KF/EKF: Stone Soup runs on fixed inputs.

Writes ``kf_ekf.json`` next to this script: for each case the inputs (process noise,
measurement model, prior, measurement times and values) and, per step, Stone Soup's predicted
and updated means and covariances. The Rust test ``val_stonesoup_kf_ekf`` (in
``crates/tracking/src/filter/tests/stonesoup.rs``) replays the same inputs through Kizuna's
filter and compares.

Cases (2D, Stone Soup state order [x, vx, y, vy]):
- ``kf_cv_position``: KalmanPredictor + KalmanUpdater, ConstantVelocity per axis,
  LinearGaussian position measurement.
- ``ekf_cv_bearing_range``: ExtendedKalmanPredictor + ExtendedKalmanUpdater,
  ConstantVelocity, CartesianToBearingRange from an offset sensor; the target crosses the
  sensor's -x axis, so bearings wrap through +-pi. The model is subclassed only to give it its
  analytic Jacobian: stock 1.9.1 differentiates numerically (forward differences with step
  1e8 * spacing(x) floored at 1e-8; spacing is negative for negative coordinates, so the step
  there is 1e-8 m and rounding leaves ~1e-4..1e-3 relative error in the Jacobian), which would
  make a 1e-9 comparison meaningless.
- ``ekf_cv_bearing_range_stock``: the same inputs with the stock (numerical) Jacobian; the
  Rust test compares it statistically (differences in units of the standard deviations).

Both updaters use ``use_joseph_cov=True`` (Kizuna's KF/EKF covariance update is Joseph form).
Inputs are deterministic (no random numbers): measurement "noise" is a fixed trigonometric
sequence, and step lengths vary (0.5 s to 2 s) to exercise dt in F and Q.

Run (PyPI only; see README.md):
    python3 -m venv /tmp/ss-filter && /tmp/ss-filter/bin/pip install -r requirements.txt
    /tmp/ss-filter/bin/python generate.py
"""

import datetime
import json
import math
import os
import platform

import numpy as np
import scipy
import stonesoup
from stonesoup.models.measurement.linear import LinearGaussian
from stonesoup.models.measurement.nonlinear import CartesianToBearingRange
from stonesoup.models.transition.linear import (
    CombinedLinearGaussianTransitionModel,
    ConstantVelocity,
)
from stonesoup.predictor.kalman import ExtendedKalmanPredictor, KalmanPredictor
from stonesoup.types.array import CovarianceMatrix, StateVector
from stonesoup.types.detection import Detection
from stonesoup.types.hypothesis import SingleHypothesis
from stonesoup.types.state import GaussianState
from stonesoup.updater.kalman import ExtendedKalmanUpdater, KalmanUpdater

EPOCH = datetime.datetime(2025, 1, 1)
# Step lengths in milliseconds (exact in both datetime and Kizuna's integer nanoseconds).
STEPS_MS = [1000, 500, 2000, 1000, 1500, 1000, 1000, 500, 500, 2000,
            1000, 1000, 1500, 1000, 1000, 1000, 2000, 1000, 500, 1000,
            1000, 1500, 1000, 1000]


class AnalyticBearingRange(CartesianToBearingRange):
    """CartesianToBearingRange with its analytic Jacobian (no rotation offset)."""

    def jacobian(self, state, **kwargs):
        x = state.state_vector[self.mapping[0], 0] - self.translation_offset[0, 0]
        y = state.state_vector[self.mapping[1], 0] - self.translation_offset[1, 0]
        rho2 = x * x + y * y
        rho = math.sqrt(rho2)
        jac = np.zeros((2, self.ndim_state))
        jac[0, self.mapping[0]] = -y / rho2
        jac[0, self.mapping[1]] = x / rho2
        jac[1, self.mapping[0]] = x / rho
        jac[1, self.mapping[1]] = y / rho
        return jac


def truth_at(t_s, p0, v0):
    return (p0[0] + v0[0] * t_s, p0[1] + v0[1] * t_s)


def wiggle(k, scale, phase):
    """Deterministic stand-in for measurement noise."""
    return scale * math.sin(1.7 * k + phase) * math.cos(0.3 * k)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def matrix(a):
    a = np.asarray(a, dtype=float)
    return [floats(row) for row in a]


def run(name, q, model, predictor_cls, updater_cls, measure, prior_mean, prior_sd):
    transition = CombinedLinearGaussianTransitionModel(
        [ConstantVelocity(q), ConstantVelocity(q)])
    predictor = predictor_cls(transition)
    updater = updater_cls(model, use_joseph_cov=True)
    state = GaussianState(StateVector(prior_mean),
                          CovarianceMatrix(np.diag(np.square(prior_sd))), timestamp=EPOCH)
    steps = []
    t_ms = 0
    for k, dt_ms in enumerate(STEPS_MS):
        t_ms += dt_ms
        when = EPOCH + datetime.timedelta(milliseconds=t_ms)
        z = measure(k, t_ms / 1000.0)
        detection = Detection(StateVector(z), timestamp=when, measurement_model=model)
        prediction = predictor.predict(state, timestamp=when)
        state = updater.update(SingleHypothesis(prediction, detection))
        steps.append({
            "time_ms": t_ms,
            "z": [float(v) for v in z],
            "predicted": {"mean": floats(prediction.state_vector),
                          "cov": matrix(prediction.covar)},
            "updated": {"mean": floats(state.state_vector), "cov": matrix(state.covar)},
        })
    return {"name": name, "q": q,
            "prior": {"mean": [float(v) for v in prior_mean],
                      "cov": matrix(np.diag(np.square(prior_sd)))},
            "steps": steps}


def main():
    cases = []

    # KF: CV + position. Target from (1000, -500) at (40, 25) m/s.
    sigma_pos = 5.0
    pos_model = LinearGaussian(ndim_state=4, mapping=(0, 2),
                               noise_covar=np.diag([sigma_pos ** 2, sigma_pos ** 2]))

    def measure_pos(k, t_s):
        x, y = truth_at(t_s, (1000.0, -500.0), (40.0, 25.0))
        return [x + wiggle(k, 6.0, 0.0), y + wiggle(k, 6.0, 1.0)]

    kf = run("kf_cv_position", 0.5, pos_model, KalmanPredictor, KalmanUpdater, measure_pos,
             [990.0, 35.0, -480.0, 20.0], [30.0, 8.0, 30.0, 8.0])
    kf["measurement"] = {"kind": "position", "sigma_m": sigma_pos}
    cases.append(kf)

    # EKF: CV + bearing/range from a sensor at (2000, -300); the target passes west of it,
    # crossing the sensor's -x axis (bearing +-pi) at about t = 19 s.
    sensor = (2000.0, -300.0)
    sigma_b, sigma_r = 0.01, 20.0
    p0, v0 = (-8000.0, 1200.0), (30.0, -80.0)

    def measure_polar(k, t_s):
        x, y = truth_at(t_s, p0, v0)
        dx, dy = x - sensor[0], y - sensor[1]
        bearing = math.atan2(dy, dx) + wiggle(k, 0.012, 0.5)
        # Keep the measured bearing in (-pi, pi] like a real sensor report.
        bearing = math.atan2(math.sin(bearing), math.cos(bearing))
        return [bearing, math.hypot(dx, dy) + wiggle(k, 25.0, 2.0)]

    for name, cls in [("ekf_cv_bearing_range", AnalyticBearingRange),
                      ("ekf_cv_bearing_range_stock", CartesianToBearingRange)]:
        model = cls(ndim_state=4, mapping=(0, 2),
                    noise_covar=np.diag([sigma_b ** 2, sigma_r ** 2]),
                    translation_offset=StateVector([sensor[0], sensor[1]]))
        case = run(name, 1.0, model, ExtendedKalmanPredictor, ExtendedKalmanUpdater,
                   measure_polar, [-8100.0, 25.0, 1100.0, -70.0], [150.0, 15.0, 150.0, 15.0])
        case["measurement"] = {"kind": "polar2", "sensor_xy": list(sensor),
                               "sigma": [sigma_b, sigma_r]}
        cases.append(case)

    out = {
        "format": "kizuna-stonesoup-kf-ekf/1",
        "state_order": ["x", "vx", "y", "vy"],
        "versions": {"stonesoup": stonesoup.__version__, "numpy": np.__version__,
                     "scipy": scipy.__version__, "python": platform.python_version()},
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kf_ekf.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
