//! Filter tests: consistency (NEES/NIS) over Monte Carlo runs, IMM mode switching,
//! properties (covariance stays PD), Jacobians, angle wrapping, Stone Soup reference.

mod consistency;
mod support;
