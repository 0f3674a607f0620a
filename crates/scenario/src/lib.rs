//! The Kizuna scenario format: versioned TOML in, a validated [`sim::Input`] out, and every
//! problem reported with its place in the file.
//!
//! ```no_run
//! let text = scenario::builtin::get(scenario::builtin::DEFAULT).expect("the default exists");
//! match scenario::load("western-pacific.toml", text) {
//!     Ok(input) => println!("{} threats", input.threats.len()),
//!     Err(errors) => eprintln!("{errors}"), // one `file:line:col: error: …` line per problem
//! }
//! ```
//!
//! # The format (format_version 1)
//!
//! A scenario is one TOML file. The commented built-in scenario
//! (`kizuna scenario show western-pacific`, `scenarios/western-pacific.toml`) is the worked
//! example; the README of this crate has the generated table of every key; `kizuna schema`
//! prints the JSON Schema. In short:
//!
//! ```toml
//! format_version = 1                  # required; this build reads 1
//! [scenario]                          # name, description, start = "2027-07-15T00:00:00Z" (UTC),
//!                                     # duration_s, seed (integer >= 0), truth_sample_s = 1
//! [[nation]]    # id = "USA" (any ISO 3166 alpha-3 code), name
//! [[asset]]     # name, nation, lat_deg, lon_deg, alt_m = 0, radius_m, value
//! [[platform]]  # name, nation, kind = "fixed" | "ship" | "airborne" | "geostationary"
//!               #   fixed: lat_deg, lon_deg, alt_m = 0
//!               #   ship: route = [{lat_deg, lon_deg}, …], speed_mps, max_turn_deg_s = 1,
//!               #         repeat = false (holds at the last point)
//!               #   airborne: orbit = {lat_deg, lon_deg, alt_m, radius_m, clockwise = true}
//!               #         or route = [{lat_deg, lon_deg, alt_m}, …]; speed_mps,
//!               #         max_bank_deg = 30, max_climb_mps = 15, repeat = false,
//!               #         rcs_m2 = 30, swerling = 1
//!               #   geostationary: lon_deg
//! [[sensor]]    # name, nation, platform, kind = "radar" | "space_ir", node, release_to
//!               # (absent: all nations); all parameters
//!               # below have notional defaults (README key table):
//!               #   radar: ref_range_km = 400 + ref_snr_db = 13 (radar equation) or pd
//!               #     (nominal Pd), pfa = 1e-6, min_range_km = 1, max_range_km = 1000,
//!               #     boresight_az_deg = 0, az_half_width_deg = 180, min_el_deg = -1,
//!               #     max_el_deg = 85, k_factor = 4/3, scan = "rotator" | "phased_array",
//!               #     scan_period_s = 10, range_resolution_m = 150, beamwidth_deg = 1.5,
//!               #     sigma_range_m = 30, sigma_az_deg = 0.15, sigma_el_deg = 0.2,
//!               #     sigma_range_rate_mps (absent: no range rate), noise_scales_with_snr =
//!               #     false, noise_ref_snr_db = 13, bias_range_m/_az_deg/_el_deg = 0, iff = true
//!               #   space_ir: pd = 0.9, revisit_s = 10, latency_s = 20, sigma_los_urad = 30,
//!               #     report = "line_of_sight" | "launch_event", launch_sigma_m = 2000
//!               #     (launch_event only), min_alt_km = 5
//! [[interceptor]] # name, speed_mps, boost_s, min_range_km < max_range_km, min_alt_km <
//!               # max_alt_km, reaction_s, sspk_ballistic, sspk_air (at least one > 0),
//!               # basket_m, ka_detect = 0.95, ka_false_kill = 0.05 (all notional)
//! [[fire_unit]] # name, nation, platform, interceptor (an [[interceptor]] name), inventory,
//!               # channels, node, fallback = "hold" | "tight" | "free", remote_use,
//!               # remote_from, launch_on_remote_from (absent: [c2]'s)
//! [[threat]]    # name, launch_area = "RED-<n>", class = "srbm" | "mrbm" | "irbm" | "cruise",
//!               # launch_s, count = 1, interval_s = 0, aim_cep_m = 0, launch_jitter_s = 0,
//!               # target = "<asset>" (optional for cruise)
//!               #   ballistic: launch = {lat_deg, lon_deg, alt_m = 0}, aim = {…} or target,
//!               #     exactly one of flight_time_s | apogee_km | loft_deg, burn_time_s,
//!               #     ballistic_coefficient_kg_m2 (absent: no drag)
//!               #   cruise: route = [{lat_deg, lon_deg, alt_m}, …] (last = impact), speed_mps,
//!               #     max_bank_deg = 45, max_climb_mps = 50
//!               # rcs_m2 (by class: srbm 0.1, mrbm 0.05, irbm 0.03, cruise 0.1),
//!               # swerling = 0 | 1 | 3 (default 1)
//! [[traffic]]   # name, kind = "airliner" | "fighter" | "transport" | "patrol",
//!               # side = "friendly" | "neutral", nation (required if friendly), depart_s = 0,
//!               # route (with alt_m), speed_mps, max_bank_deg = 25, max_climb_mps = 10,
//!               # repeat = false, departure_jitter_s = 0, iff_reliability = 1,
//!               # rcs_m2 (by kind: airliner 40, fighter 3, transport 30, patrol 20),
//!               # swerling = 1
//! [[node]]      # name, nation, role = "combined" | "national" | "unit", parent, platform,
//!               # decision_latency_s = 1, release_to (absent: all), signing_key = "<64 hex>"
//!               # (absent: derived from the run's seed), declares_identity (default: true
//!               # for combined and national nodes, false for unit nodes)
//! [[link]]      # name, a, b (node names), latency_ms, loss = 0, bandwidth_bps (absent:
//!               # unlimited), jitter_ms = 0, queue_bytes = 65536, overflow = "drop_oldest" |
//!               # "drop_lowest_priority", partitions = [[start_s, end_s], …] (absent: none)
//! [network]     # sharing = "track" | "none" | "measurement", fusion = "ci" | "naive" |
//!               # "bar_shalom_campo", correlation = 0.3 (bar_shalom_campo only),
//!               # report_drift_m = 200, heartbeat_s = 12, refresh_s = 4, frame_period_s = 1,
//!               # r2_margin = 2, takeover_heartbeats = 3, release_ballistic, release_air
//!               # (absent: all)
//! [[adversary]] # name, kind = "spoof" | "replay" | "tamper" | "unknown_key", link,
//!               # impersonate (node; required for spoof, else default: the link's `a` end),
//!               # start_s = 0, period_s = 10
//! [[zone]]      # name, kind = "no_fire" | "area", lat_deg, lon_deg, radius_km
//! [[wcs]]       # nation, status = "free" | "tight" | "hold", class = "ballistic" | "air"
//!               # (absent: both), zone (an area zone; absent: everywhere), from_s = 0
//! [c2]          # decision_period_s = 2, solver = "local" | "greedy" | "exact", objective =
//!               # "asset_based" | "target_value", shoot_look_shoot = true, salvo = 1 (1-8),
//!               # max_shots_per_threat = 4 (1-16), reserve_fraction = 0 ([0, 1)),
//!               # remote_use = "engage_on_remote" | "launch_on_remote" | "autonomous",
//!               # remote_from = "allies" | "own_nation" | "own_node",
//!               # launch_on_remote_from (absent; beyond remote_from, under engage_on_remote),
//!               # approval = "national" | "unit" | "combined",
//!               # min_track_quality = 6 (0-15), max_track_age_s = 12,
//!               # self_defence_radius_km = 30
//! [identification] # pending_s = 6, plan_gate_km = 10, attack_range_km = 80,
//!               # attack_min_speed_mps = 150, attack_max_alt_m = 1500,
//!               # attack_max_climb_mps = 5, ballistic_min_updates = 4 (2-100),
//!               # ballistic_min_span_s = 6, ballistic_max_speed_mps = 7500
//! ```
//!
//! `release_to` (sensors and nodes), `release_ballistic` and `release_air` are arrays of
//! nation ids (`["USA", "JPN"]`) from the roster, whose `[[nation]]` order numbers the
//! releasability sets.
//!
//! Conventions: keys are snake_case and end in their unit (`_deg`, `_m`, `_km`, `_s`, `_ms`,
//! `_mps`); positions are WGS-84 latitude and longitude in degrees (east and north positive,
//! longitudes in [-180, 360]) and ellipsoidal altitude in metres; times in the run are seconds
//! after `start`. Entities refer to each other by name; ids in [`sim::Input`] are indices in
//! file order. Key paths in messages index arrays from 0 (`threat[2].aim.lat_deg`).
//!
//! # Rules
//!
//! Every problem is collected (checking does not stop at the first):
//! - TOML syntax (then nothing else is checked); `format_version` missing (reported, the rest is
//!   read as version 1) or unsupported (nothing else is checked).
//! - Unknown keys, with a did-you-mean over the keys valid at that place; keys of another
//!   variant (`route` on a fixed platform, a radar's `scan_period_s` on a `space_ir` sensor);
//!   missing required keys, located at the enclosing table; "exactly one of" groups
//!   (`aim`/`target`; `flight_time_s`/`apogee_km`/`loft_deg`; airborne `orbit`/`route`);
//!   keys that exclude each other (a radar's nominal `pd` with `ref_range_km`/`ref_snr_db`).
//! - Types ("expected a number of degrees, found a string"), finite numbers and ranges
//!   (latitudes, positive speeds, radii and values, probabilities in [0, 1], times within the
//!   run; `pfa` in (0, 0.1], `k_factor` in [1, 4], `az_half_width_deg` in (0, 180],
//!   boresight in [0, 360), and the physical limits of periods, sigmas, bandwidths,
//!   beamwidths and resolutions listed in the README's "Physical limits"),
//!   enum values with the allowed list and a suggestion, `swerling` 0, 1 or 3, nation codes,
//!   `RED-<n>` launch areas, the RFC 3339 UTC start, the seed as a non-negative integer,
//!   salvo `count` >= 1. Names are printable text of at most 100 characters (no control,
//!   bidirectional-override or zero-width characters); free text may also hold line breaks
//!   and tabs, up to 10,000 characters. The text is at most [`MAX_SCENARIO_BYTES`]; at most
//!   65,535 sensors (the data link numbers a plot's sensor in 16 bits).
//! - Run size: a scenario valid key by key may still be impossible to run (ten days of 10-ms
//!   frames). The engine's estimate (`sim::budget`) refuses it with its numbers, located at
//!   the key that drives it; a heavy run and a radar whose expected false alarms exceed the
//!   engine's per-scan cap are warnings ([`load_with_warnings`]).
//! - Names unique per kind (both places reported; salvos expand to `name-1` … `name-N`);
//!   references to unknown entities (the closest existing name and where it is defined, or
//!   the list of names); nations must be declared.
//! - Fit between entities, with both ends: a sensor or fire unit has its platform's nation; a
//!   sensor reports to a node of its nation or the combined node, a fire unit is commanded by
//!   a node of its nation; `space_ir` sensors only on geostationary platforms, radars never;
//!   fire units only on fixed sites and ships; a ballistic class matches the launch-to-aim
//!   ground range (srbm 50-1000 km, mrbm 1000-3000 km, irbm 3000-5500 km); a radar's
//!   `min_range_km` < `max_range_km` and `min_el_deg` < `max_el_deg` (a defaulted end is
//!   named with its default); `launch_sigma_m` only with `report = "launch_event"`; flight time
//!   longer than the burn; launches and departures within the run; no zero-length route legs;
//!   ships without `alt_m`, aircraft and cruise missiles with it.
//! - Command hierarchy: exactly one combined node; a national node's parent is the combined
//!   node or absent; a unit node's parent is a national or unit node of its nation; no parent
//!   cycles (the cycle is spelled out); links join two different nodes, at most one link per
//!   pair.
//! - Network: at most 8 nations (releasability travels as a one-byte mask); release lists
//!   name roster nations, each once, and a sensor's or node's `release_to` includes its own
//!   nation; `correlation` only with `fusion = "bar_shalom_campo"`; `frame_period_s` <=
//!   `heartbeat_s`; `signing_key` is exactly 64 hex digits; partition windows start before
//!   they end, end within the run and are in order without overlap; adversaries name a link
//!   and (spoof: required) a node, and start before the run ends.
//! - Engagements: a fire unit's `interceptor` names an `[[interceptor]]`; an interceptor's
//!   `min_range_km` < `max_range_km` and `min_alt_km` < `max_alt_km`, and it can kill
//!   something (`sspk_ballistic` or `sspk_air` > 0); a `[[wcs]]` order names a roster nation
//!   and, if any, a zone of kind `area` (not `no_fire`), takes effect before the run ends, and
//!   no two orders share nation, class, zone and `from_s`; a `[c2]` salvo fired without
//!   shoot-look-shoot is at most `max_shots_per_threat`; `launch_on_remote_from` (in `[c2]` or
//!   a fire unit) only with `remote_use = "engage_on_remote"` and farther than `remote_from`
//!   (`[c2]`'s is inherited by a unit only where it reaches beyond the unit's own). Orders reach the engine sorted by
//!   `from_s` (file order among equal times); kilometres become metres.
//! - Flyability: every ballistic threat table is flown once with the engine's force model
//!   (`dynamics::fly_ballistic`) and an unreachable aim point is reported at the threat, with
//!   the shape key as the other end; every route and orbit is flown once too, and what the
//!   engine cannot fly is reported at its `route`/`orbit` (see `flight.rs`). So a scenario that
//!   validates also builds in the engine (tested for the built-ins).
//!
//! # Not modelled
//!
//! Zones other than circles (and zones bounded in altitude); WCS orders by fire unit rather
//! than nation; aspect-dependent RCS (one mean RCS per target); radar antenna
//! height above its platform (a radar sits at its site's `alt_m`, a ship's at sea level);
//! launch areas as regions (a threat has a launch point, the
//! label is only a notional name); per-missile aim points within a salvo (the run applies
//! `aim_cep_m`); terrain. To avoid cascades, a
//! check that combines several values (class range, flyability, nation fit) runs only when
//! each of them is valid, and references into a top-level array that is itself invalid are
//! not checked.

mod build;
pub mod builtin;
mod diagnostics;
mod flight;
mod format;
mod load;
mod overrides;
#[cfg(test)]
mod reference;
mod schema;
mod span;
mod spec;
mod suggest;
mod time;
mod walk;

pub use diagnostics::{
    MAX_LINE_CHARS, Problem, ProblemKind, ScenarioErrors, Severity, Summary, Warnings,
};
pub use load::{Loaded, MAX_SCENARIO_BYTES, load, load_with_warnings};
pub use overrides::{Override, OverrideError, apply_overrides};
pub use schema::json_schema;
pub use walk::name_problem;

#[cfg(test)]
mod tests;
