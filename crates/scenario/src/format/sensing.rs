//! Format tables of what senses and what is sensed: `[[sensor]]` with its radar and space-IR
//! parameters, and the signature keys (`rcs_m2`, `swerling`) of threats, traffic and aircraft.
//!
//! Every default is notional (invented for the simulation, plausible in magnitude only).

use super::*;
use crate::spec::units::{DB, M2, URAD};

const RADAR: &[&str] = &["radar"];
const SPACE_IR: &[&str] = &["space_ir"];

/// Largest instrumented or reference range, km.
const RANGE_MAX_KM: f64 = 10_000.0;
/// SNR values, dB: from well below to well above any detection threshold.
const SNR_DB: Kind = num(DB, Bound::Incl(-30.0), Bound::Incl(60.0));
const ELEVATION: Kind = num(DEG, Bound::Incl(-90.0), Bound::Incl(90.0));
/// Angle noise: 0.001° (17 µrad, better than any monopulse tracking radar; finer would make
/// track covariances ill-conditioned against range noise at long range) to 10°.
const ANGLE_SIGMA: Kind = num(DEG, Bound::Incl(0.001), Bound::Incl(10.0));
const ANGLE_BIAS: Kind = num(DEG, Bound::Incl(-10.0), Bound::Incl(10.0));
/// A probability of detection; 0 would be a sensor that never sees anything.
const PD: Kind = num(PROBABILITY, Bound::Excl(0.0), Bound::Incl(1.0));

/// Mean radar cross-section.
const RCS: Kind = num(M2, Bound::Excl(0.0), Bound::Incl(1.0e6));
const RCS_DOC: &str = "Mean radar cross-section, m^2 (notional).";
/// Swerling fluctuation cases (2 and 4 detect like 1 and 3 in a single dwell).
const SWERLING_KIND: Kind = Kind::IntEnum {
    values: &[0, 1, 3],
    help: "Swerling 2 and 4 fluctuate pulse to pulse and detect like 1 and 3 in a single dwell: use 1 (many equal scatterers) or 3 (one dominant scatterer)",
};
const SWERLING_DOC: &str =
    "RCS fluctuation: 0 (steady), 1 (many equal scatterers) or 3 (one dominant scatterer).";

/// `rcs_m2` of a `[[threat]]`, by class.
pub(super) const THREAT_RCS: FieldSpec = field(
    "rcs_m2",
    RCS,
    Presence::DefaultBy {
        by: "class",
        values: &[
            ("srbm", DefaultValue::Num(0.1)),
            ("mrbm", DefaultValue::Num(0.05)),
            ("irbm", DefaultValue::Num(0.03)),
            ("cruise", DefaultValue::Num(0.1)),
        ],
    },
    "Mean radar cross-section, m^2 (ballistic: the re-entry vehicle; notional).",
);
/// `rcs_m2` of a `[[traffic]]`, by aircraft kind.
pub(super) const TRAFFIC_RCS: FieldSpec = field(
    "rcs_m2",
    RCS,
    Presence::DefaultBy {
        by: "kind",
        values: &[
            ("airliner", DefaultValue::Num(40.0)),
            ("fighter", DefaultValue::Num(3.0)),
            ("transport", DefaultValue::Num(30.0)),
            ("patrol", DefaultValue::Num(20.0)),
        ],
    },
    RCS_DOC,
);
/// `swerling` of threats and traffic.
pub(super) const SWERLING: FieldSpec = field("swerling", SWERLING_KIND, dflt_int(1), SWERLING_DOC);
/// `rcs_m2` of an airborne `[[platform]]` (a sensor aircraft is a target too).
pub(super) const AIRCRAFT_RCS: FieldSpec =
    only(&["airborne"], "rcs_m2", RCS, dflt_num(30.0), RCS_DOC);
/// `swerling` of an airborne `[[platform]]`.
pub(super) const AIRCRAFT_SWERLING: FieldSpec = only(
    &["airborne"],
    "swerling",
    SWERLING_KIND,
    dflt_int(1),
    SWERLING_DOC,
);

/// `[[sensor]]`.
pub(crate) static SENSOR: TableSpec = TableSpec {
    name: "sensor",
    doc: "A sensor: placement, ownership and notional parameters (kind selects the radar or the space-based infrared keys; every parameter has a notional default).",
    tag: Some("kind"),
    conflicts: &[Conflict {
        key: "pd",
        with: &["ref_range_km", "ref_snr_db"],
        why: "a radar's nominal pd replaces the radar equation",
    }],
    fields: &[
        field("name", NAME, REQ, "Unique sensor name."),
        field(
            "nation",
            NATION_REF,
            REQ,
            "Owning nation (the platform's nation).",
        ),
        field(
            "platform",
            Kind::Text(Text::Ref(Entity::Platform)),
            REQ,
            "Carrier platform name.",
        ),
        field(
            "kind",
            Kind::Enum(&["radar", "space_ir"]),
            REQ,
            "Sensor kind (space_ir only on geostationary platforms, radars never).",
        ),
        field(
            "node",
            Kind::Text(Text::Ref(Entity::Node)),
            REQ,
            "C2 node it reports to (same nation, or the combined node).",
        ),
        // --- detection ---
        field(
            "pd",
            PD,
            Presence::DefaultBy {
                by: "kind",
                values: &[("space_ir", DefaultValue::Num(0.9))],
            },
            "Radar: nominal detection probability per scan anywhere in coverage, instead of the radar equation (absent: radar equation); space_ir: probability of detecting a burning motor per revisit.",
        ),
        only(
            RADAR,
            "ref_range_km",
            num(KM, Bound::Incl(1.0), Bound::Incl(RANGE_MAX_KM)),
            dflt_num(400.0),
            "Radar equation: range at which a steady 1 m^2 target gives ref_snr_db, km (SNR scales as RCS / R^4).",
        ),
        only(
            RADAR,
            "ref_snr_db",
            SNR_DB,
            dflt_num(13.0),
            "Radar equation: SNR of a steady 1 m^2 target at ref_range_km, dB.",
        ),
        only(
            RADAR,
            "pfa",
            num(PROBABILITY, Bound::Excl(0.0), Bound::Incl(0.1)),
            dflt_num(1.0e-6),
            "Probability of false alarm per resolution cell per scan (sets the detection threshold).",
        ),
        // --- coverage ---
        only(
            RADAR,
            "min_range_km",
            num(KM, Bound::Incl(0.1), Bound::Excl(RANGE_MAX_KM)),
            dflt_num(1.0),
            "Minimum instrumented range, km (less than max_range_km).",
        ),
        only(
            RADAR,
            "max_range_km",
            num(KM, Bound::Excl(0.1), Bound::Incl(RANGE_MAX_KM)),
            dflt_num(1000.0),
            "Maximum instrumented range, km.",
        ),
        only(
            RADAR,
            "boresight_az_deg",
            num(DEG, Bound::Incl(0.0), Bound::Excl(360.0)),
            dflt_num(0.0),
            "Boresight azimuth, degrees clockwise from north (ignored when az_half_width_deg = 180).",
        ),
        only(
            RADAR,
            "az_half_width_deg",
            num(DEG, Bound::Excl(0.0), Bound::Incl(180.0)),
            dflt_num(180.0),
            "Field of regard: half-width in azimuth about the boresight, degrees (180 = all round).",
        ),
        only(
            RADAR,
            "min_el_deg",
            ELEVATION,
            dflt_num(-1.0),
            "Field of regard: lowest elevation, degrees (slightly negative so the radar horizon, not the mask, limits low cover; more negative: looking down from altitude).",
        ),
        only(
            RADAR,
            "max_el_deg",
            ELEVATION,
            dflt_num(85.0),
            "Field of regard: highest elevation, degrees (more than min_el_deg).",
        ),
        only(
            RADAR,
            "antenna_height_m",
            num(M, Bound::Incl(0.0), Bound::Incl(1000.0)),
            dflt_num(0.0),
            "Height of the antenna above its platform's reference point (a site's ground, a ship's waterline), metres: the horizon and every measurement are taken from there.",
        ),
        only(
            RADAR,
            "k_factor",
            num(NONE, Bound::Incl(1.0), Bound::Incl(4.0)),
            dflt_num(4.0 / 3.0),
            "Effective Earth-radius factor for the radar horizon (4/3: standard atmosphere).",
        ),
        // --- scan ---
        only(
            RADAR,
            "scan_period_s",
            num(S, Bound::Incl(MIN_REVISIT_S), Bound::Incl(600.0)),
            dflt_num(10.0),
            "Scan (revisit) period, seconds.",
        ),
        only(
            RADAR,
            "scan",
            Kind::Enum(&["rotator", "phased_array"]),
            Presence::Default(DefaultValue::Text("rotator")),
            "Rotating antenna, or electronically scanned array sweeping its field of regard.",
        ),
        // --- phased-array time budget (sensors::Scheduler) ---
        only(
            RADAR,
            "track_dwell_s",
            num(S, Bound::Incl(1e-4), Bound::Incl(0.5)),
            dflt_num(0.01),
            "Phased array: length of one track or cued dwell, seconds; its energy over a search look's (scan_period_s / beams across the field of regard) is the dwell's SNR gain.",
        ),
        only(
            RADAR,
            "revisit_ballistic_s",
            num(S, Bound::Incl(0.5), Bound::Incl(600.0)),
            dflt_num(1.0),
            "Phased array: interval between dwells on a ballistic track (held or cued), seconds; also the sweep interval of a sector cued by a space-IR launch report.",
        ),
        only(
            RADAR,
            "revisit_air_s",
            num(S, Bound::Incl(0.5), Bound::Incl(600.0)),
            dflt_num(4.0),
            "Phased array: interval between dwells on an air-breathing track (held or cued), seconds.",
        ),
        only(
            RADAR,
            "max_track_fraction",
            num(NONE, Bound::Incl(0.0), Bound::Incl(0.95)),
            dflt_num(0.75),
            "Phased array: largest share of its time dedicated (track, cued) dwells may take; they are served first and search gets the rest, so the search frame lasts scan_period_s / (1 - load). 0: search only (no dwells, no cueing).",
        ),
        only(
            RADAR,
            "range_resolution_m",
            num(M, Bound::Incl(0.1), Bound::Incl(10_000.0)),
            dflt_num(150.0),
            "Range cell size, metres (with the beamwidth: the number of false-alarm cells).",
        ),
        only(
            RADAR,
            "beamwidth_deg",
            num(DEG, Bound::Incl(0.1), Bound::Incl(30.0)),
            dflt_num(1.5),
            "Beamwidth, degrees (angular cells; angle noise when it scales with SNR).",
        ),
        // --- measurement noise ---
        only(
            RADAR,
            "sigma_range_m",
            num(M, Bound::Incl(0.1), Bound::Incl(10_000.0)),
            dflt_num(30.0),
            "Range noise standard deviation, metres (at noise_ref_snr_db when noise scales).",
        ),
        only(
            RADAR,
            "sigma_az_deg",
            ANGLE_SIGMA,
            dflt_num(0.15),
            "Azimuth noise standard deviation, degrees (at noise_ref_snr_db when noise scales).",
        ),
        only(
            RADAR,
            "sigma_el_deg",
            ANGLE_SIGMA,
            dflt_num(0.2),
            "Elevation noise standard deviation, degrees (at noise_ref_snr_db when noise scales).",
        ),
        only(
            RADAR,
            "sigma_range_rate_mps",
            num(MPS, Bound::Incl(0.01), Bound::Incl(1000.0)),
            OPT,
            "Range-rate noise standard deviation, m/s (absent: range rate not measured).",
        ),
        only(
            RADAR,
            "noise_scales_with_snr",
            Kind::Bool,
            dflt_bool(false),
            "Scale range and angle noise with 1/sqrt(SNR), or keep the sigmas fixed.",
        ),
        only(
            RADAR,
            "noise_ref_snr_db",
            SNR_DB,
            dflt_num(13.0),
            "SNR at which the sigmas apply when noise scales with SNR, dB.",
        ),
        only(
            RADAR,
            "bias_range_m",
            num(M, Bound::Incl(-10_000.0), Bound::Incl(10_000.0)),
            dflt_num(0.0),
            "Registration bias in range, metres.",
        ),
        only(
            RADAR,
            "bias_az_deg",
            ANGLE_BIAS,
            dflt_num(0.0),
            "Registration bias in azimuth, degrees.",
        ),
        only(
            RADAR,
            "bias_el_deg",
            ANGLE_BIAS,
            dflt_num(0.0),
            "Registration bias in elevation, degrees.",
        ),
        only(
            RADAR,
            "iff",
            Kind::Bool,
            dflt_bool(true),
            "Has an IFF interrogator (friendly aircraft answer with their iff_reliability).",
        ),
        // --- space-based infrared ---
        only(
            SPACE_IR,
            "revisit_s",
            num(S, Bound::Incl(MIN_REVISIT_S), Bound::Incl(3600.0)),
            dflt_num(10.0),
            "Revisit period, seconds.",
        ),
        field(
            "latency_s",
            num(S, Bound::Incl(0.0), Bound::Incl(3600.0)),
            Presence::DefaultBy {
                by: "kind",
                values: &[
                    ("radar", DefaultValue::Num(0.0)),
                    ("space_ir", DefaultValue::Num(20.0)),
                ],
            },
            "Delay from measurement to report at its node, seconds: processing plus the sensor-to-node link (radar default 0; space_ir: processing and downlink, default 20).",
        ),
        only(
            SPACE_IR,
            "sigma_los_urad",
            num(URAD, Bound::Incl(0.1), Bound::Incl(100_000.0)),
            dflt_num(30.0),
            "Line-of-sight noise per axis, microradians.",
        ),
        only(
            SPACE_IR,
            "report",
            Kind::Enum(&["line_of_sight", "launch_event"]),
            Presence::Default(DefaultValue::Text("line_of_sight")),
            "Angles-only line of sight, or a launch-event report with a position uncertainty.",
        ),
        only(
            SPACE_IR,
            "launch_sigma_m",
            num(M, Bound::Incl(1.0), Bound::Incl(1.0e6)),
            Presence::DefaultBy {
                by: "report",
                values: &[("launch_event", DefaultValue::Num(2000.0))],
            },
            "Launch-event horizontal position standard deviation per axis, metres (only with report = \"launch_event\").",
        ),
        only(
            SPACE_IR,
            "min_alt_km",
            num(KM, Bound::Incl(0.0), Bound::Incl(100.0)),
            dflt_num(5.0),
            "Plumes below this altitude are hidden by cloud and atmosphere, km.",
        ),
        super::network::RELEASE_TO,
    ],
    one_of: &[],
};
