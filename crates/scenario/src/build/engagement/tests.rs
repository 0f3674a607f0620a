//! The engagement keys reach `sim::Input` in engine units with the documented defaults.

use base::{NationId, SimDuration, ZoneId};
use proptest::prelude::*;
use sim::{
    ApprovalLevel, C2Config, IdRules, RemoteAuthority, RemoteFrom, RemoteUse, TargetClass, Wcs,
    WtaObjective, ZoneKind,
};

/// One interceptor type "T" with the required keys and `extra` lines.
fn interceptor(name: &str, extra: &str) -> String {
    format!(
        r#"[[interceptor]]
name = "{name}"
speed_mps = 1500
boost_s = 4
min_range_km = 3
max_range_km = 40
min_alt_km = 0.05
max_alt_km = 25
reaction_s = 5
sspk_ballistic = 0.6
sspk_air = 0.8
basket_m = 1000
{extra}
"#
    )
}

/// A small valid scenario (roster USA, JPN; 600 s) with a JPN fire unit firing `fires` and a
/// unit node under JPN-NAT, with extra lines in the fire unit, the unit node and at the end.
fn scenario(fires: &str, fire_unit: &str, unit_node: &str, tail: &str) -> String {
    format!(
        r#"format_version = 1
[scenario]
name = "t"
start = "2027-07-15T00:00:00Z"
duration_s = 600
seed = 1
[[nation]]
id = "USA"
name = "United States"
[[nation]]
id = "JPN"
name = "Japan"
[[platform]]
name = "SITE"
nation = "JPN"
kind = "fixed"
lat_deg = 35
lon_deg = 139
[[fire_unit]]
name = "FU"
nation = "JPN"
platform = "SITE"
interceptor = "{fires}"
inventory = 8
channels = 2
node = "JPN-BTY"
{fire_unit}
[[node]]
name = "CJTF"
nation = "USA"
role = "combined"
[[node]]
name = "JPN-NAT"
nation = "JPN"
role = "national"
parent = "CJTF"
[[node]]
name = "JPN-BTY"
nation = "JPN"
role = "unit"
parent = "JPN-NAT"
{unit_node}
{tail}
"#
    )
}

fn load(text: &str) -> sim::Input {
    crate::load("t.toml", text).unwrap_or_else(|e| panic!("{e}"))
}

fn messages(text: &str) -> Vec<String> {
    match crate::load("t.toml", text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e
            .problems()
            .iter()
            .map(|p| format!("{}: {}", p.key_path, p.message))
            .collect(),
    }
}

fn nation(code: &str) -> NationId {
    NationId::parse(code).expect("a nation code")
}

#[test]
fn absent_or_empty_c2_table_is_the_engine_defaults() {
    let t = interceptor("T", "");
    let absent = load(&scenario("T", "", "", &t));
    let empty = load(&scenario("T", "", "", &format!("{t}[c2]")));
    assert_eq!(absent.c2, C2Config::defaults());
    assert_eq!(empty.c2, C2Config::defaults(), "key-table defaults");
    assert!(absent.wcs.is_empty() && absent.zones.is_empty());
}

#[test]
fn every_c2_key_is_read_in_engine_units() {
    let tail = format!(
        r#"{}[c2]
decision_period_s = 0.5
solver = "exact"
objective = "target_value"
shoot_look_shoot = false
salvo = 3
max_shots_per_threat = 3
min_planned_pk = 0.3
commit_horizon_s = 12.5
reserve_fraction = 0.25
remote_use = "launch_on_remote"
remote_from = "own_node"
approval = "combined"
min_track_quality = 9
max_track_age_s = 4.5
self_defence_radius_km = 12.5"#,
        interceptor("T", "")
    );
    let input = load(&scenario("T", "", "", &tail));
    assert_eq!(
        input.fire_units[0].remote,
        RemoteAuthority::new(RemoteUse::LaunchOnRemote, RemoteFrom::OwnNode),
        "[c2] remote keys are every unit's default"
    );
    let c2 = input.c2;
    assert_eq!(
        c2,
        C2Config {
            decision_period: SimDuration::from_millis(500),
            solver: "exact".parse().expect("a solver name"),
            objective: WtaObjective::TargetValue,
            shoot_look_shoot: false,
            salvo: 3,
            max_shots_per_threat: 3,
            min_planned_pk: 0.3,
            commit_horizon: SimDuration::from_millis(12_500),
            reserve_fraction: 0.25,
            approval: ApprovalLevel::Combined,
            min_track_quality: 9,
            max_track_age: SimDuration::from_millis(4500),
            self_defence_radius_m: 12_500.0,
        }
    );
    let unit = load(&scenario(
        "T",
        "",
        "",
        &format!("{}[c2]\napproval = \"unit\"", interceptor("T", "")),
    ));
    assert_eq!(unit.c2.approval, ApprovalLevel::Unit);
}

#[test]
fn salvo_beyond_the_shot_limit_is_rejected_with_or_without_looks() {
    // A salvo is fired whole, per look under shoot-look-shoot: one larger than the per-threat
    // limit could never be fired either way.
    let t = interceptor("T", "");
    for sls in ["false", "true"] {
        let text =
            format!("{t}[c2]\nshoot_look_shoot = {sls}\nsalvo = 2\nmax_shots_per_threat = 1");
        assert_eq!(
            messages(&scenario("T", "", "", &text)),
            ["c2.salvo: salvo (2) must not exceed max_shots_per_threat (1)"],
            "shoot_look_shoot = {sls}"
        );
    }
    // The default salvo (1) fits any limit.
    let one = format!("{t}[c2]\nmax_shots_per_threat = 1");
    assert_eq!(
        load(&scenario("T", "", "", &one)).c2.max_shots_per_threat,
        1
    );
}

#[test]
fn interceptor_keys_become_metres_and_fire_units_resolve_by_name() {
    // The fire unit fires the second type: its id is the index in file order.
    let tail = format!(
        "{}{}",
        interceptor("A", ""),
        interceptor("B", "ka_detect = 0.9\nka_false_kill = 0.1")
    );
    let input = load(&scenario("B", "", "", &tail));
    let [a, b] = input.interceptors.as_slice() else {
        panic!("two types: {:?}", input.interceptors)
    };
    assert_eq!((a.name.as_str(), b.name.as_str()), ("A", "B"));
    assert_eq!(input.fire_units[0].interceptor.index(), 1);
    assert_eq!(
        (a.min_range_m, a.max_range_m, a.min_alt_m, a.max_alt_m),
        (3_000.0, 40_000.0, 50.0, 25_000.0)
    );
    assert_eq!((a.speed_mps, a.boost_s, a.reaction_s), (1500.0, 4.0, 5.0));
    assert_eq!(
        (a.sspk_ballistic, a.sspk_air, a.basket_m),
        (0.6, 0.8, 1000.0)
    );
    assert_eq!((a.ka_detect, a.ka_false_kill), (0.95, 0.05), "defaults");
    assert_eq!((b.ka_detect, b.ka_false_kill), (0.9, 0.1));
}

#[test]
fn an_interceptor_must_kill_something() {
    let t = interceptor("T", "").replace("sspk_ballistic = 0.6", "sspk_ballistic = 0");
    let t = t.replace("sspk_air = 0.8", "sspk_air = 0");
    assert_eq!(
        messages(&scenario("T", "", "", &t)),
        [
            "interceptor[0].sspk_ballistic: an interceptor must be able to kill something: sspk_ballistic and sspk_air are both 0"
        ]
    );
}

#[test]
fn fallback_defaults_to_hold() {
    let t = interceptor("T", "");
    let default = load(&scenario("T", "", "", &t));
    assert_eq!(default.fire_units[0].fallback, Wcs::Hold);
    for (value, wcs) in [
        ("free", Wcs::Free),
        ("tight", Wcs::Tight),
        ("hold", Wcs::Hold),
    ] {
        let fu = format!("fallback = \"{value}\"");
        assert_eq!(
            load(&scenario("T", &fu, "", &t)).fire_units[0].fallback,
            wcs
        );
    }
}

fn remote(use_: RemoteUse, from: RemoteFrom) -> RemoteAuthority {
    RemoteAuthority::new(use_, from)
}

#[test]
fn remote_authority_defaults_to_engage_on_remote_from_allies_and_units_override_it() {
    let t = interceptor("T", "");
    let unit =
        |fu: &str, c2: &str| load(&scenario("T", fu, "", &format!("{t}{c2}"))).fire_units[0].remote;
    use {RemoteFrom as F, RemoteUse as U};
    assert_eq!(unit("", ""), remote(U::EngageOnRemote, F::Allies));
    assert_eq!(
        unit("remote_use = \"autonomous\"", ""),
        remote(U::Autonomous, F::Allies)
    );
    assert_eq!(
        unit(
            "remote_from = \"own_nation\"",
            "[c2]\nremote_use = \"launch_on_remote\""
        ),
        remote(U::LaunchOnRemote, F::OwnNation)
    );
    // The former boolean: true is every ally's data, false another nation's data is remote
    // data the unit may not use (its own nation's it may).
    assert_eq!(
        unit("", "[c2]\nengage_on_remote = true"),
        remote(U::EngageOnRemote, F::Allies)
    );
    assert_eq!(
        unit("", "[c2]\nengage_on_remote = false"),
        remote(U::EngageOnRemote, F::OwnNation)
    );
    assert_eq!(
        unit(
            "remote_from = \"own_node\"",
            "[c2]\nengage_on_remote = false"
        ),
        remote(U::EngageOnRemote, F::OwnNode)
    );
}

#[test]
fn remote_keys_reject_contradictions_and_the_former_key_beside_the_new_ones() {
    let t = interceptor("T", "");
    assert_eq!(
        messages(&scenario(
            "T",
            "",
            "",
            &format!("{t}[c2]\nengage_on_remote = false\nremote_from = \"allies\"")
        )),
        [
            "c2.engage_on_remote: `engage_on_remote` conflicts with `remote_from`: the former boolean is read as remote_use and remote_from; give only the new keys"
        ]
    );
    assert_eq!(
        messages(&scenario(
            "T",
            "remote_use = \"autonomous\"\nremote_from = \"allies\"",
            "",
            &t
        )),
        [
            "fire_unit[0].remote_from: remote_from has no effect on an autonomous fire unit (the unit's `remote_use` is \"autonomous\": it uses its own sensors only); remove it or set remote_use"
        ]
    );
    assert_eq!(
        messages(&scenario(
            "T",
            "remote_from = \"allies\"",
            "",
            &format!("{t}[c2]\nremote_use = \"autonomous\"")
        )),
        [
            "fire_unit[0].remote_from: remote_from has no effect on an autonomous fire unit ([c2] remote_use is \"autonomous\": it uses its own sensors only); remove it or set remote_use"
        ]
    );
    assert_eq!(
        messages(&scenario("T", "remote_use = \"launch\"", "", &t)).len(),
        1,
        "an unknown value"
    );
}

#[test]
fn identity_authority_defaults_by_role_and_can_be_set() {
    let t = interceptor("T", "");
    let by_role: Vec<bool> = load(&scenario("T", "", "", &t))
        .nodes
        .iter()
        .map(|n| n.declares_identity)
        .collect();
    assert_eq!(by_role, [true, true, false], "combined, national, unit");
    let set = load(&scenario("T", "", "declares_identity = true", &t));
    assert!(set.nodes[2].declares_identity);
}

const ZONES: &str = r#"
[[zone]]
name = "NFZ"
kind = "no_fire"
lat_deg = 34.86
lon_deg = 136.81
radius_km = 10
[[zone]]
name = "AREA"
kind = "area"
lat_deg = 35.68
lon_deg = 139.76
radius_km = 80
"#;

#[test]
fn zones_and_orders_are_read_and_orders_sorted_by_time() {
    let tail = format!(
        r#"{}{ZONES}
[[wcs]]
nation = "JPN"
status = "tight"
class = "air"
zone = "AREA"
from_s = 300
[[wcs]]
nation = "USA"
status = "free"
from_s = 300
[[wcs]]
nation = "JPN"
status = "hold"
"#,
        interceptor("T", "")
    );
    let input = load(&scenario("T", "", "", &tail));
    let [nfz, area] = input.zones.as_slice() else {
        panic!("{:?}", input.zones)
    };
    assert_eq!((nfz.kind, area.kind), (ZoneKind::NoFire, ZoneKind::Area));
    assert_eq!((nfz.radius_m, area.radius_m), (10_000.0, 80_000.0));
    assert!((area.center.lat_deg() - 35.68).abs() < 1e-12);
    assert!((area.center.lon_deg() - 139.76).abs() < 1e-12);
    assert_eq!(area.center.alt_m(), 0.0);
    let shown: Vec<_> = input
        .wcs
        .iter()
        .map(|o| (o.nation, o.class, o.zone, o.status, o.from))
        .collect();
    let at = SimDuration::from_secs;
    assert_eq!(
        shown,
        [
            (nation("JPN"), None, None, Wcs::Hold, at(0)),
            (
                nation("JPN"),
                Some(TargetClass::Air),
                Some(ZoneId::new(1)),
                Wcs::Tight,
                at(300)
            ),
            (nation("USA"), None, None, Wcs::Free, at(300)),
        ]
    );
}

#[test]
fn bad_orders_are_reported_with_both_ends() {
    let tail = format!(
        r#"{}{ZONES}
[[wcs]]
nation = "JPN"
status = "tight"
zone = "NFZ"
[[wcs]]
nation = "USA"
status = "free"
from_s = 600
[[wcs]]
nation = "JPN"
status = "free"
class = "ballistic"
[[wcs]]
nation = "JPN"
status = "hold"
class = "ballistic"
from_s = 0
"#,
        interceptor("T", "")
    );
    assert_eq!(
        messages(&scenario("T", "", "", &tail)),
        [
            "wcs[0].zone: a wcs order cannot apply within the no-fire zone `NFZ`",
            "wcs[1].from_s: order takes effect at 600 s, not before the scenario ends (600 s)",
            "wcs[3]: a second JPN order for the same class, zone and from_s (0 s)",
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Orders come out sorted by time, file order kept among equal times, none lost.
    #[test]
    fn orders_are_a_stable_sort_of_the_file(times in prop::collection::vec(0u32..5, 0..8)) {
        // Distinct orders: the nation alternates and the class makes each one unique.
        let mut tail = interceptor("T", "");
        for (i, t) in times.iter().enumerate() {
            let (n, status) = if i % 2 == 0 { ("USA", "free") } else { ("JPN", "hold") };
            let class = ["ballistic", "air"][(i / 2) % 2];
            tail.push_str(&format!(
                "[[wcs]]\nnation = \"{n}\"\nstatus = \"{status}\"\nclass = \"{class}\"\nfrom_s = {}\n",
                t * 100 + u32::try_from(i / 4).expect("small")
            ));
        }
        let input = load(&scenario("T", "", "", &tail));
        let mut expected: Vec<(u32, usize)> = times
            .iter()
            .enumerate()
            .map(|(i, t)| (t * 100 + u32::try_from(i / 4).expect("small"), i))
            .collect();
        expected.sort_by_key(|&(t, _)| t);
        let got: Vec<i64> = input.wcs.iter().map(|o| o.from.as_nanos()).collect();
        let want: Vec<i64> = expected
            .iter()
            .map(|&(t, _)| SimDuration::from_secs(i64::from(t)).as_nanos())
            .collect();
        prop_assert_eq!(got, want);
        let statuses: Vec<Wcs> = input.wcs.iter().map(|o| o.status).collect();
        let want: Vec<Wcs> = expected
            .iter()
            .map(|&(_, i)| if i % 2 == 0 { Wcs::Free } else { Wcs::Hold })
            .collect();
        prop_assert_eq!(statuses, want);
    }

    /// Any envelope with min < max converts to metres exactly as km x 1000.
    #[test]
    fn envelopes_convert_to_metres(lo in 0.0f64..100.0, span in 0.001f64..1000.0) {
        let hi = lo + span;
        let t = interceptor("T", "")
            .replace("min_range_km = 3", &format!("min_range_km = {lo:?}"))
            .replace("max_range_km = 40", &format!("max_range_km = {hi:?}"));
        let input = load(&scenario("T", "", "", &t));
        let i = &input.interceptors[0];
        prop_assert_eq!(i.min_range_m, lo * 1000.0);
        prop_assert_eq!(i.max_range_m, hi * 1000.0);
        prop_assert!(i.min_range_m < i.max_range_m);
    }
}

#[test]
fn absent_or_empty_identification_table_is_the_engine_defaults() {
    let t = interceptor("T", "");
    let absent = load(&scenario("T", "", "", &t));
    let empty = load(&scenario("T", "", "", &format!("{t}[identification]")));
    assert_eq!(absent.identification, IdRules::defaults());
    assert_eq!(
        empty.identification,
        IdRules::defaults(),
        "key-table defaults"
    );
}

#[test]
fn every_identification_key_is_read_in_engine_units() {
    let tail = format!(
        r#"{}[identification]
pending_s = 9
plan_gate_km = 12.5
attack_range_km = 250
attack_min_speed_mps = 120
attack_max_alt_m = 2000
attack_max_climb_mps = -1
ballistic_min_updates = 6
ballistic_min_span_s = 10
ballistic_max_speed_mps = 6000"#,
        interceptor("T", "")
    );
    let rules = load(&scenario("T", "", "", &tail)).identification;
    assert_eq!(
        rules,
        IdRules {
            pending_s: 9.0,
            plan_gate_m: 12_500.0,
            attack_range_m: 250_000.0,
            attack_min_speed_mps: 120.0,
            attack_max_alt_m: 2_000.0,
            attack_max_climb_mps: -1.0,
            ballistic_min_updates: 6,
            ballistic_min_span_s: 10.0,
            ballistic_max_speed_mps: 6_000.0,
        }
    );
}

#[test]
fn launch_on_remote_from_extends_engagement_on_remote_data_per_source() {
    let t = interceptor("T", "");
    let unit =
        |fu: &str, c2: &str| load(&scenario("T", fu, "", &format!("{t}{c2}"))).fire_units[0].remote;
    use {RemoteFrom as F, RemoteUse as U};
    let split = RemoteAuthority {
        launch_from: Some(F::Allies),
        ..remote(U::EngageOnRemote, F::OwnNation)
    };
    let c2 = "[c2]\nremote_from = \"own_nation\"\nlaunch_on_remote_from = \"allies\"";
    assert_eq!(unit("", c2), split, "[c2]'s is every unit's default");
    assert_eq!(
        unit(
            "launch_on_remote_from = \"allies\"",
            "[c2]\nremote_from = \"own_nation\""
        ),
        split
    );
    // Inherited only where it reaches beyond the unit's own engagement on remote data.
    assert_eq!(
        unit("remote_use = \"autonomous\"", c2),
        remote(U::Autonomous, F::OwnNation)
    );
    assert_eq!(
        unit("remote_from = \"allies\"", c2),
        remote(U::EngageOnRemote, F::Allies)
    );
    assert_eq!(
        unit("remote_from = \"own_node\"", c2),
        RemoteAuthority {
            launch_from: Some(F::Allies),
            ..remote(U::EngageOnRemote, F::OwnNode)
        }
    );
}

#[test]
fn launch_on_remote_from_must_extend_engagement_on_remote_data() {
    let t = interceptor("T", "");
    let problems = |fu: &str, c2: &str| messages(&scenario("T", fu, "", &format!("{t}{c2}")));
    assert_eq!(
        problems("", "[c2]\nlaunch_on_remote_from = \"allies\""),
        [
            "c2.launch_on_remote_from: launch_on_remote_from (\"allies\") must reach beyond [c2] remote_from (\"allies\"): engagement on remote data already covers those sources"
        ]
    );
    assert_eq!(
        problems(
            "",
            "[c2]\nremote_use = \"launch_on_remote\"\nremote_from = \"own_node\"\nlaunch_on_remote_from = \"allies\""
        ),
        [
            "c2.launch_on_remote_from: launch_on_remote_from extends engagement on remote data to farther sources, but [c2] remote_use is \"launch_on_remote\""
        ]
    );
    assert_eq!(
        problems(
            "remote_use = \"autonomous\"\nlaunch_on_remote_from = \"allies\"",
            ""
        ),
        [
            "fire_unit[0].launch_on_remote_from: launch_on_remote_from extends engagement on remote data to farther sources, but the unit's remote_use is \"autonomous\""
        ]
    );
    assert_eq!(
        problems(
            "remote_from = \"own_nation\"\nlaunch_on_remote_from = \"own_node\"",
            ""
        ),
        [
            "fire_unit[0].launch_on_remote_from: launch_on_remote_from (\"own_node\") must reach beyond the unit's remote_from (\"own_nation\"): engagement on remote data already covers those sources"
        ]
    );
    assert_eq!(
        problems(
            "",
            "[c2]\nengage_on_remote = false\nlaunch_on_remote_from = \"allies\""
        ),
        [
            "c2.engage_on_remote: `engage_on_remote` conflicts with `launch_on_remote_from`: the former boolean is read as remote_use and remote_from; give only the new keys"
        ]
    );
}
