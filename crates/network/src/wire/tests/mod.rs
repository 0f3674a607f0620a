//! Unit tests of the wire standard, one file per concern; [`fixtures`] builds valid messages.

mod auth;
mod covariance;
mod fixtures;
mod robust;
mod roundtrip;
mod sizes;
