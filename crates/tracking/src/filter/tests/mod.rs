//! Filter tests: consistency (NEES/NIS) over Monte Carlo runs, IMM mode switching,
//! properties (covariance stays PD), Jacobians, angle wrapping, Stone Soup reference.

mod consistency;
mod filters;
mod imm;
mod measurements;
mod models;
mod props;
mod stonesoup;
mod support;
