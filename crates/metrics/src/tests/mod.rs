//! Metric tests: Stone Soup golden values, metric properties against brute force, continuity.

mod continuity;
mod gated;
mod properties;
mod stonesoup;
