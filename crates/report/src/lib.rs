//! Reports: everything an analyst opens after a run or a study.
//!
//! - [`study`] holds the plain data of Monte Carlo studies, comparisons and sweeps
//!   ([`study::MeasureStats`], [`study::PairedDiff`], …) that the CLI computes and the HTML
//!   renders.
//! - `html` (next) renders a single self-contained `report.html` (inline SVG map of the theatre
//!   from bundled Natural Earth coastlines, timeline, measures tables, GOSPA-over-time and
//!   paired-difference charts; no network access needed to open it).
//! - `czml` / `kml` (next) export the scenario for Cesium and Google Earth.

#![forbid(unsafe_code)]

pub mod study;
