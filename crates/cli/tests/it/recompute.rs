//! The acceptance check of the measures: engagement MOEs, per-class intercept probability and
//! the event-borne parts of the per-threat timelines are recomputed from `events.jsonl` ALONE
//! and must equal what `summary.json` reports.
//!
//! Not recomputable from events (they need truth or the pictures, which the event log does not
//! carry), so only checked for internal consistency here: every GOSPA and SIAP measure, picture
//! commonality, dual tracks and picture latency (truth against tracks at truth samples);
//! `moe.defended_value_*` and `asset_value_hit_fraction` (asset values are scenario input);
//! `moe.mean_order_to_launch_s`; the timeline's `first_held_t_s`, `hostile_declared_t_s`,
//! `first_decision_t_s`, `first_order_t_s` and `first_launch_t_s` (declarations, decisions,
//! orders and launches name a track; which threat it was is a truth join at that instant) —
//! for all but the first the test checks that a qualifying event happened at exactly that
//! instant; `moe.stage_intervals` is recomputed from the timelines; the calibration table
//! (which object a shot was fired at is a truth join) is checked against the shots and kills
//! the events record per interceptor type.

use super::run_into;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// What the event stream says, per measure.
#[derive(Default)]
struct FromEvents {
    counts: BTreeMap<String, u64>,
    /// Threat name → (class, launch t_s).
    launched: BTreeMap<String, (String, f64)>,
    /// Threat name → first detection measurement time (launch t + since_launch_s).
    detected: BTreeMap<String, f64>,
    since_launch: Vec<f64>,
    /// (threat, t_s, asset hit?) per impact.
    impacts: Vec<(String, f64, bool)>,
    /// Hostile object → first kill time.
    kills: BTreeMap<String, f64>,
    kill_count: u64,
    fired: u64,
    on_remote: u64,
    self_defence: u64,
    fratricides: u64,
    denied: BTreeMap<String, u64>,
    /// Reasons of call-offs before launch.
    called_off: BTreeSet<String>,
    /// Engagement → truth outcome at intercept.
    killed: BTreeMap<u64, bool>,
    assessment_errors: u64,
    launch_times: BTreeSet<i64>,
    decision_times: BTreeSet<i64>,
    order_times: BTreeSet<i64>,
    hostile_times: BTreeSet<i64>,
    /// Engagement → (interceptor type, planned Pk) at launch.
    rounds: BTreeMap<u64, (String, f64)>,
    /// Interceptor type → (intercepts scored, of which killed something).
    scored: BTreeMap<String, (u64, u64)>,
}

fn parse(events: &[u8]) -> FromEvents {
    let text = std::str::from_utf8(events).expect("utf-8");
    let mut f = FromEvents::default();
    for line in text.lines() {
        let e: Value = serde_json::from_str(line).expect("each line is JSON");
        let kind = e["kind"].as_str().expect("kind").to_owned();
        let t = e["t_s"].as_f64().expect("t_s");
        let t_ns = e["t_ns"].as_i64().expect("t_ns");
        let object = e["object"].as_str().map(str::to_owned);
        *f.counts.entry(kind.clone()).or_default() += 1;
        match kind.as_str() {
            "launch" => {
                let class = match e["object_kind"].as_str().expect("object_kind") {
                    "cruise_missile" => "cruise",
                    c => c,
                };
                let name = object.expect("launch names its threat");
                f.launched.insert(name, (class.to_owned(), t));
            }
            "first_detection" => {
                let name = object.expect("names its threat");
                let since = e["since_launch_s"].as_f64().expect("since_launch_s");
                f.since_launch.push(since);
                f.detected.insert(name.clone(), f.launched[&name].1 + since);
            }
            "impact" => {
                let name = object.expect("impact names its threat");
                f.impacts.push((name, t, !e["asset"].is_null()));
            }
            "engagement_order" => {
                f.order_times.insert(t_ns);
            }
            "identity_change" if e["to"] == "hostile" => {
                f.hostile_times.insert(t_ns);
            }
            "interceptor_launch" => {
                let id = e["engagement"].as_u64().expect("engagement");
                let interceptor = e["interceptor"].as_str().expect("interceptor").to_owned();
                let pk = e["planned_pk"].as_f64().expect("planned_pk");
                f.rounds.insert(id, (interceptor, pk));
                f.fired += 1;
                f.on_remote += u64::from(e["on_remote"] == true);
                f.self_defence += u64::from(e["self_defence"] == true);
                f.launch_times.insert(t_ns);
            }
            "intercept" => {
                let killed = e["killed"] == true;
                let id = e["engagement"].as_u64().expect("engagement");
                f.killed.insert(id, killed);
                let (interceptor, _) = &f.rounds[&id];
                let n = f.scored.entry(interceptor.clone()).or_default();
                n.0 += 1;
                n.1 += u64::from(killed);
                match e["side"].as_str() {
                    Some("hostile") if killed => {
                        f.kill_count += 1;
                        let name = object.expect("a kill names its object");
                        f.kills.entry(name).or_insert(t);
                    }
                    Some("friendly" | "neutral") => f.fratricides += 1,
                    _ => {}
                }
            }
            "kill_assessment" => {
                let id = e["engagement"].as_u64().expect("engagement");
                let reported = e["reported_killed"] == true;
                f.assessment_errors += u64::from(f.killed[&id] != reported);
            }
            "engagement_aborted" if e["launched"] == false => {
                let reason = e["reason"].as_str().expect("reason").to_owned();
                f.called_off.insert(reason);
            }
            "engagement_decision" => match e["decision"].as_str().expect("decision") {
                "deny" => {
                    let reason = e["reason"].as_str().expect("reason").to_owned();
                    *f.denied.entry(reason).or_default() += 1;
                }
                _ => {
                    f.decision_times.insert(t_ns);
                }
            },
            _ => {}
        }
    }
    f
}

fn ns(t_s: f64) -> i64 {
    (t_s * 1e9).round() as i64
}

#[test]
fn summary_measures_agree_with_the_event_stream() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (summary, events, _) = run_into(tmp.path(), &["--until", "900"]);
    let s: Value = serde_json::from_slice(&summary).expect("summary is JSON");
    let f = parse(&events);
    let moe = &s["moe"];
    let u = |v: u64| Value::from(v);

    for (kind, n) in &f.counts {
        assert_eq!(s["counts"]["events"][kind], u(*n), "counts.events.{kind}");
    }
    assert_eq!(moe["threats_launched"], u(f.launched.len() as u64));
    assert_eq!(moe["threats_detected"], u(f.detected.len() as u64));
    let mean_detect = f.since_launch.iter().sum::<f64>() / f.since_launch.len() as f64;
    let reported = moe["mean_first_detection_s"]
        .as_f64()
        .expect("detections happen");
    assert!(
        (reported - mean_detect).abs() < 1e-9,
        "{reported} vs {mean_detect}"
    );
    assert_eq!(moe["leakers"], u(f.impacts.len() as u64));
    let on_assets = f.impacts.iter().filter(|i| i.2).count() as u64;
    assert_eq!(moe["leakers_on_assets"], u(on_assets));
    assert_eq!(moe["intercepts"], u(f.kill_count));
    assert_eq!(moe["interceptors_fired"], u(f.fired));
    assert_eq!(moe["engagements_on_remote"], u(f.on_remote));
    assert_eq!(moe["self_defence_launches"], u(f.self_defence));
    assert_eq!(moe["fratricides"], u(f.fratricides));
    assert_eq!(moe["kill_assessment_errors"], u(f.assessment_errors));
    let denied: BTreeMap<String, u64> =
        serde_json::from_value(moe["engagements_denied"].clone()).expect("reason → count");
    assert_eq!(denied, f.denied);
    let spk = f.fired as f64 / f.kill_count as f64;
    assert_eq!(moe["shots_per_kill"].as_f64(), Some(spk));
    // The run must exercise what is being checked, or the equalities above prove little.
    assert!(f.kill_count > 0 && !f.impacts.is_empty() && !f.denied.is_empty());

    // Intercept probability per threat class: threats killed / threats launched.
    let mut by_class: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for (name, (class, _)) in &f.launched {
        let e = by_class.entry(class).or_default();
        e.0 += 1;
        e.1 += u64::from(f.kills.contains_key(name));
    }
    let pi = moe["intercept_probability"].as_object().expect("class → P");
    assert_eq!(pi.len(), by_class.len(), "{pi:?}");
    for (class, (launched, killed)) in by_class {
        let expected = killed as f64 / launched as f64;
        // serde_json's default float parser is not correctly rounded (its `float_roundtrip`
        // feature is off): 10/11 written as 0.9090909090909091 reads back one ulp high.
        let got = pi[class].as_f64().expect("a probability");
        assert!(
            (got - expected).abs() <= 1e-15,
            "class {class}: {got} vs {expected}"
        );
    }

    // Impacts, in order, and the per-threat timelines.
    let impacts = s["impacts"].as_array().expect("impacts");
    assert_eq!(impacts.len(), f.impacts.len());
    for (i, (name, t, _)) in impacts.iter().zip(&f.impacts) {
        assert_eq!(i["object"].as_str(), Some(name.as_str()));
        assert_eq!(i["t_s"].as_f64(), Some(*t));
    }
    let impact_t: BTreeMap<&str, f64> =
        f.impacts.iter().map(|(n, t, _)| (n.as_str(), *t)).collect();
    let mut decisions_checked = 0;
    for threat in s["threats"].as_array().expect("threats") {
        let name = threat["name"].as_str().expect("name");
        let tl = &threat["timeline"];
        let opt = |k: &str| tl[k].as_f64();
        assert_eq!(
            opt("impact_t_s"),
            impact_t.get(name).copied(),
            "{name} impact"
        );
        assert_eq!(
            opt("intercept_t_s"),
            f.kills.get(name).copied(),
            "{name} intercept"
        );
        match (opt("first_detection_t_s"), f.detected.get(name)) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-6, "{name}: {a} vs {b}"),
            (a, b) => assert_eq!(a, b.copied(), "{name} first detection"),
        }
        if let Some((_, t)) = f.launched.get(name) {
            assert_eq!(threat["launch_t_s"].as_f64(), Some(*t), "{name} launch");
        }
        if let Some(t) = opt("first_launch_t_s") {
            assert!(f.launch_times.contains(&ns(t)), "{name}: no launch at {t}");
        }
        for (field, times) in [
            ("hostile_declared_t_s", &f.hostile_times),
            ("first_order_t_s", &f.order_times),
        ] {
            if let Some(t) = opt(field) {
                assert!(times.contains(&ns(t)), "{name}: no {field} event at {t}");
            }
        }
        if let Some(t) = opt("first_decision_t_s") {
            assert!(
                f.decision_times.contains(&ns(t)),
                "{name}: no decision at {t}"
            );
            decisions_checked += 1;
        }
        // A threat is intercepted or impacts, never both.
        assert!(
            opt("intercept_t_s").is_none() || opt("impact_t_s").is_none(),
            "{name}"
        );
    }
    assert!(decisions_checked > 0, "no threat timeline has a decision");

    let series: Value = serde_json::from_slice(
        &std::fs::read(tmp.path().join("series.json")).expect("series.json"),
    )
    .expect("series.json is JSON");
    picture_measures_are_consistent(&s, &series);

    stage_intervals_follow_the_timelines(&s);
    calibration_agrees_with_the_shots(&s, &f);
    chain_causes_follow_the_timelines(&s, &f);
}

/// The kill-chain attribution (`moe.leaker_causes`, each threat's `cause`) against the
/// per-threat timelines and the events: the causes partition the threats, `killed` is exactly
/// the threats an intercept destroyed, and each cause agrees with the stages its timeline
/// reached. Returns the causes of the threats that reached the ground.
fn chain_causes_follow_the_timelines(s: &Value, f: &FromEvents) -> BTreeMap<String, u64> {
    const CAUSES: [&str; 9] = [
        "undetected",
        "untracked",
        "unidentified",
        "out_of_reach",
        "denied",
        "no_capacity",
        "late",
        "missed",
        "killed",
    ];
    let moe = &s["moe"];
    let counts = moe["leaker_causes"].as_object().expect("leaker_causes");
    let keys: Vec<&str> = counts.keys().map(String::as_str).collect();
    let mut sorted = CAUSES.to_vec();
    sorted.sort_unstable();
    assert_eq!(keys, sorted, "every cause listed");
    let threats = s["threats"].as_array().expect("threats");
    let mut tally: BTreeMap<&str, u64> = CAUSES.iter().map(|c| (*c, 0)).collect();
    let mut leaked: BTreeMap<String, u64> = BTreeMap::new();
    let mut reasons: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for t in threats {
        let name = t["name"].as_str().expect("name");
        let cause = t["cause"].as_str().expect("cause");
        *tally.get_mut(cause).expect("a known cause") += 1;
        let tl = &t["timeline"];
        let at = |k: &str| tl[k].as_f64();
        assert_eq!(
            cause == "killed",
            f.kills.contains_key(name),
            "{name}: {cause}"
        );
        if at("impact_t_s").is_some() {
            *leaked.entry(cause.to_owned()).or_default() += 1;
        }
        // A launch in the timeline is one at a track of it; the attribution also counts a
        // launch on one of its orders (engagement number), guided on another track.
        let launched = at("first_launch_t_s").is_some();
        if launched {
            assert!(["missed", "killed"].contains(&cause), "{name}: {cause}");
        }
        if cause == "missed" {
            assert!(launched || at("first_order_t_s").is_some(), "{name}");
        }
        if cause == "late" {
            assert!(at("first_order_t_s").is_some() && !launched, "{name}");
        }
        if CAUSES[..6].contains(&cause) {
            assert!(
                at("first_order_t_s").is_none() && !launched,
                "{name}: {cause}"
            );
        }
        if cause == "undetected" {
            for k in [
                "first_detection_t_s",
                "first_held_t_s",
                "hostile_declared_t_s",
            ] {
                assert!(at(k).is_none(), "{name}: undetected with {k}");
            }
        }
        if cause == "untracked" {
            assert!(at("first_held_t_s").is_none(), "{name}");
        }
        if cause == "unidentified" {
            assert!(at("hostile_declared_t_s").is_none(), "{name}");
            assert!(at("first_decision_t_s").is_none(), "{name}");
        }
        match t["cause_reason"].as_str() {
            Some(r) => {
                assert!(
                    ["denied", "late", "out_of_reach"].contains(&cause),
                    "{name}: reason {r}"
                );
                *reasons.entry((cause, r)).or_default() += 1;
            }
            None => assert!(
                !["denied", "late", "out_of_reach"].contains(&cause),
                "{name}: no reason"
            ),
        }
    }
    for c in CAUSES {
        assert_eq!(counts[c].as_u64(), Some(tally[c]), "moe.leaker_causes.{c}");
    }
    assert_eq!(
        tally.values().sum::<u64>(),
        moe["threats"].as_u64().expect("threats"),
        "the causes partition the threats"
    );
    let mut by_reason: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for (cause, field) in [
        ("denied", "leaker_denial_reasons"),
        ("late", "leaker_late_reasons"),
        ("out_of_reach", "leaker_out_of_reach_reasons"),
    ] {
        for (k, v) in moe[field].as_object().expect(field) {
            by_reason.insert((cause, k.as_str()), v.as_u64().expect("count"));
        }
    }
    assert_eq!(by_reason, reasons);
    // A late threat's reason is a call-off before launch of an order on it, or the run's end.
    for (cause, r) in by_reason.keys() {
        if *cause == "late" && *r != "pending_at_end" {
            assert!(
                f.called_off.contains(*r),
                "late for {r}, never called off so"
            );
        }
    }
    assert!(!leaked.contains_key("killed"));
    assert_eq!(
        leaked.values().sum::<u64>(),
        moe["leakers"].as_u64().expect("leakers")
    );
    leaked
}

/// On the default scenario run to its end, every threat is down: `killed` plus the causes of
/// the leakers are the threats, and the leakers' causes sum to `moe.leakers`.
#[test]
fn leaker_causes_partition_the_default_scenario() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (summary, events, _) = run_into(tmp.path(), &[]);
    let s: Value = serde_json::from_slice(&summary).expect("summary is JSON");
    let f = parse(&events);
    let leaked = chain_causes_follow_the_timelines(&s, &f);
    let moe = &s["moe"];
    let killed = moe["leaker_causes"]["killed"].as_u64().expect("killed");
    assert_eq!(
        killed + leaked.values().sum::<u64>(),
        moe["threats"].as_u64().expect("threats"),
        "every threat is down at the end: {leaked:?}"
    );
    assert!(killed > 0 && !leaked.is_empty(), "{leaked:?}");
}

/// `moe.stage_intervals`: the mean of each consecutive pair of timeline stages over the threats
/// launched within the run that reached both.
fn stage_intervals_follow_the_timelines(s: &Value) {
    let stages = [
        "first_detection_t_s",
        "first_held_t_s",
        "hostile_declared_t_s",
        "first_order_t_s",
        "first_launch_t_s",
        "intercept_t_s",
    ];
    let names = [
        "launch_to_first_detection",
        "first_detection_to_first_held",
        "first_held_to_hostile_declared",
        "hostile_declared_to_first_order",
        "first_order_to_first_launch",
        "first_launch_to_intercept",
    ];
    let end = s["sim_seconds"].as_f64().expect("sim_seconds");
    let mut seen = 0;
    for (k, name) in names.iter().enumerate() {
        let mut d = Vec::new();
        for t in s["threats"].as_array().expect("threats") {
            let launch = t["launch_t_s"].as_f64().expect("launch");
            if launch > end {
                continue;
            }
            let at = |i: usize| {
                if i == 0 {
                    Some(launch)
                } else {
                    t["timeline"][stages[i - 1]].as_f64()
                }
            };
            if let (Some(a), Some(b)) = (at(k), at(k + 1)) {
                d.push(b - a);
            }
        }
        let got = &s["moe"]["stage_intervals"][name];
        assert_eq!(got["n"].as_u64(), Some(d.len() as u64), "{name}");
        match got["mean_s"].as_f64() {
            Some(m) => {
                let want = d.iter().sum::<f64>() / d.len() as f64;
                assert!((m - want).abs() < 1e-9, "{name}: {m} vs {want}");
                seen += 1;
            }
            None => assert!(d.is_empty(), "{name}"),
        }
    }
    assert_eq!(seen, names.len(), "the run goes through every stage");
}

/// The calibration table against the events: per interceptor type, the scored shots plus the
/// ones set aside are the intercepts of that type, its kills are among the intercepts that
/// killed, planned Pks are launch values and the interval holds the realised rate.
fn calibration_agrees_with_the_shots(s: &Value, f: &FromEvents) {
    let rows = s["calibration"].as_array().expect("calibration table");
    assert!(!rows.is_empty(), "the run scores shots");
    let mut per_type: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for r in rows {
        let interceptor = r["interceptor"].as_str().expect("interceptor").to_owned();
        let u = |k: &str| r[k].as_u64().expect("count");
        let (shots, kills) = (u("shots"), u("kills"));
        let e = per_type.entry(interceptor.clone()).or_default();
        e.0 += shots + u("target_already_destroyed");
        e.1 += kills;
        if shots == 0 {
            continue;
        }
        let x = |k: &str| r[k].as_f64().expect("number");
        assert!((x("realised_kill_rate") - kills as f64 / shots as f64).abs() < 1e-12);
        assert!(x("ci_low") <= x("realised_kill_rate") && x("realised_kill_rate") <= x("ci_high"));
        let pks: Vec<f64> = f
            .rounds
            .values()
            .filter(|(i, _)| *i == interceptor)
            .map(|(_, p)| *p)
            .collect();
        let (lo, hi) = pks
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                (a.min(*p), b.max(*p))
            });
        let m = x("mean_planned_pk");
        assert!(
            lo - 1e-12 <= m && m <= hi + 1e-12,
            "{interceptor}: {m} outside [{lo}, {hi}]"
        );
    }
    for (interceptor, (scored, killed)) in &f.scored {
        let (rows_scored, rows_kills) = per_type.get(interceptor).copied().unwrap_or_default();
        assert_eq!(rows_scored, *scored, "{interceptor}: scored intercepts");
        assert!(
            rows_kills <= *killed,
            "{interceptor}: {rows_kills} > {killed} kills"
        );
    }
    assert_eq!(per_type.len(), f.scored.len());
}

/// Truth-side measures cannot be recomputed from events; check what ties them together: the
/// network GOSPA series is the mean of the node series, SIAP ratios follow from their sums and
/// the network SIAP is the mean over nodes.
fn picture_measures_are_consistent(s: &Value, series_doc: &Value) {
    let nodes = s["nodes"].as_array().expect("nodes");
    assert_eq!(
        series_doc["seed"], s["seed"],
        "series.json and summary.json of one run"
    );
    let series: Vec<&Vec<Value>> = series_doc["gospa"]["nodes"]
        .as_array()
        .expect("node series")
        .iter()
        .map(|n| n["gospa"].as_array().expect("series"))
        .collect();
    assert_eq!(
        series.len(),
        nodes.iter().filter(|n| !n["picture"].is_null()).count(),
        "one series per picture-holding node"
    );
    let network = series_doc["gospa"]["network"].as_array().expect("series");
    assert!(!network.is_empty());
    for (i, point) in network.iter().enumerate() {
        let t = point[0].as_f64().expect("t");
        let mean = series
            .iter()
            .map(|v| {
                assert_eq!(v[i][0].as_f64(), Some(t));
                v[i][1].as_f64().expect("gospa")
            })
            .sum::<f64>()
            / series.len() as f64;
        let g = point[1].as_f64().expect("gospa");
        assert!(
            (g - mean).abs() <= 1e-9 * mean.max(1.0),
            "t {t}: {g} vs {mean}"
        );
    }
    let mut completeness = Vec::new();
    for n in nodes {
        let siap = &n["siap"];
        if siap.is_null() {
            continue;
        }
        let x = |k: &str| siap[k].as_f64().expect("number");
        let c = x("truths_tracked") / x("truths");
        assert!((x("completeness") - c).abs() < 1e-12, "{siap}");
        let a = x("tracks_assigned") / x("truths_tracked");
        assert!((x("ambiguity") - a).abs() < 1e-12 && a >= 1.0, "{siap}");
        let sp = (x("tracks") - x("tracks_assigned")) / x("tracks");
        assert!((x("spuriousness") - sp).abs() < 1e-12, "{siap}");
        assert!((0.0..=1.0).contains(&x("longest_segment_ratio")));
        completeness.push(c);
    }
    let mean = completeness.iter().sum::<f64>() / completeness.len() as f64;
    let net = s["siap"]["completeness"].as_f64().expect("network SIAP");
    assert!((net - mean).abs() < 1e-12, "{net} vs {mean}");
    assert_eq!(s["siap"]["commonality"], s["network"]["commonality"]);
    // Identification is scored only where identities are declared, and some node declares.
    assert!(
        nodes
            .iter()
            .any(|n| n["siap"]["id_correctness"].is_number())
    );
}
