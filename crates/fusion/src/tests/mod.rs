//! Tests of the fusion crate: rules against analytic and Monte Carlo results, time alignment,
//! the two-radar acceptance run, R2 among three nodes, dual tracks, decorrelation, properties.

mod acceptance;
mod age;
mod dual;
mod guard;
mod props;
mod r2;
mod rules;
mod state;
mod support;
mod surface;
