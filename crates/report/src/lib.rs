//! Reports: everything an analyst opens after a run or a study.
//!
//! - [`study`] holds the plain data of Monte Carlo studies, comparisons and sweeps
//!   ([`study::MeasureStats`], [`study::PairedDiff`], …) that the CLI computes and the HTML
//!   renders.
//! - [`run_html`], [`mc_html`], [`compare_html`] and [`sweep_html`] render a single
//!   self-contained `report.html` (inline SVG map of the theatre from bundled Natural Earth
//!   land, engagement timeline, measures tables, kill-chain stage intervals and planned-Pk
//!   calibration tables, GOSPA-over-time, confidence-interval and paired-difference charts;
//!   inline CSS, no scripts, no network access needed to open it).
//! - [`czml`] and [`kml`] export a run for Cesium and Google Earth.
//! - [`measures`] names every measure for people: label, unit, which direction is better.

#![forbid(unsafe_code)]

mod chart;
mod data;
mod export;
mod kill_chain;
mod ladder_page;
mod map;
pub mod measures;
mod page;
mod run_page;
pub mod study;
mod study_page;
mod svg;
mod timeline;

pub use data::RunData;
pub use export::{czml, kml};
pub use run_page::run_html;
pub use study_page::{compare_html, mc_html, sweep_html};

#[cfg(test)]
mod tests;
