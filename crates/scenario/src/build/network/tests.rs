//! The network keys reach `sim::Input` with the documented meaning and defaults.

use base::{NationIndex, NationSet, SimDuration};
use proptest::prelude::*;
use sim::{AdversaryKind, FusionRule, NetworkConfig, OverflowPolicy, Sharing};

/// A small valid scenario (roster USA, JPN; 600 s) with extra lines in the sensor, the
/// JPN node, the link and at the end.
fn scenario(sensor: &str, node: &str, link: &str, tail: &str) -> String {
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
[[sensor]]
name = "RADAR"
nation = "JPN"
platform = "SITE"
kind = "radar"
node = "JPN-NAT"
{sensor}
[[node]]
name = "CJTF"
nation = "USA"
role = "combined"
[[node]]
name = "JPN-NAT"
nation = "JPN"
role = "national"
parent = "CJTF"
{node}
[[link]]
name = "L"
a = "CJTF"
b = "JPN-NAT"
latency_ms = 50
{link}
{tail}
"#
    )
}

fn load(text: &str) -> sim::Input {
    crate::load("t.toml", text).unwrap_or_else(|e| panic!("{e}"))
}

fn set(indices: &[usize]) -> NationSet {
    let mut s = NationSet::EMPTY;
    for &i in indices {
        s.insert(NationIndex::new(i).expect("in the roster"));
    }
    s
}

#[test]
fn absent_or_empty_network_table_is_the_engine_defaults() {
    let absent = load(&scenario("", "", "", ""));
    let empty = load(&scenario("", "", "", "[network]"));
    assert_eq!(absent.network, NetworkConfig::defaults(2));
    assert_eq!(empty.network, NetworkConfig::defaults(2));
    assert_eq!(absent.network.class_release.air.bits(), 0b11);
    assert!(absent.adversaries.is_empty());
    let link = &absent.links[0];
    assert_eq!(link.jitter, SimDuration::ZERO);
    assert_eq!(link.queue_bytes, 65_536);
    assert_eq!(link.overflow, OverflowPolicy::DropOldest);
    assert!(link.partitions.is_empty());
    assert_eq!(absent.sensors[0].release_to, set(&[0, 1]));
    assert_eq!(absent.nodes[1].release_to, set(&[0, 1]));
    assert_eq!(absent.nodes[1].signing_key, None);
}

#[test]
fn every_network_key_is_read() {
    let tail = r#"[network]
sharing = "measurement"
fusion = "bar_shalom_campo"
correlation = 0.45
report_drift_m = 350
heartbeat_s = 6
frame_period_s = 0.5
r2_margin = 4
takeover_heartbeats = 5
release_ballistic = ["JPN"]
release_air = []"#;
    let net = load(&scenario("", "", "", tail)).network;
    assert_eq!(net.sharing, Sharing::Measurement);
    assert_eq!(net.fusion, FusionRule::BarShalomCampo { correlation: 0.45 });
    assert_eq!(net.report_drift_m, 350.0);
    assert_eq!(net.heartbeat, SimDuration::from_secs(6));
    assert_eq!(net.frame_period, SimDuration::from_millis(500));
    assert_eq!((net.r2_margin, net.takeover_heartbeats), (4, 5));
    assert_eq!(net.class_release.ballistic, set(&[1]));
    assert_eq!(net.class_release.air, NationSet::EMPTY);
    let naive = load(&scenario("", "", "", "[network]\nfusion = \"naive\"")).network;
    assert_eq!(naive.fusion, FusionRule::Naive);
    let bsc = load(&scenario(
        "",
        "",
        "",
        "[network]\nfusion = \"bar_shalom_campo\"",
    ));
    assert_eq!(
        bsc.network.fusion,
        FusionRule::BarShalomCampo { correlation: 0.3 }
    );
    let none = load(&scenario("", "", "", "[network]\nsharing = \"none\"")).network;
    assert_eq!(none.sharing, Sharing::None);
}

#[test]
fn link_sensor_and_node_keys_are_read() {
    let key = "00010203040506070809101112131415161718192021222324252627282930fF";
    let input = load(&scenario(
        r#"release_to = ["JPN"]"#,
        &format!("release_to = [\"JPN\", \"USA\"]\nsigning_key = \"{key}\""),
        "jitter_ms = 30\nqueue_bytes = 1500\noverflow = \"drop_lowest_priority\"\npartitions = [[10, 20.5], [20.5, 600]]",
        "",
    ));
    assert_eq!(input.sensors[0].release_to, set(&[1]));
    assert_eq!(input.nodes[1].release_to, set(&[0, 1]));
    let bytes = input.nodes[1].signing_key.expect("given");
    assert_eq!(bytes[..4], [0x00, 0x01, 0x02, 0x03]);
    assert_eq!(bytes[10], 0x10);
    assert_eq!(bytes[31], 0xff);
    let link = &input.links[0];
    assert_eq!(link.jitter, SimDuration::from_millis(30));
    assert_eq!(link.queue_bytes, 1500);
    assert_eq!(link.overflow, OverflowPolicy::DropLowestPriority);
    assert_eq!(
        link.partitions,
        [
            (SimDuration::from_secs(10), SimDuration::from_millis(20_500)),
            (
                SimDuration::from_millis(20_500),
                SimDuration::from_secs(600)
            ),
        ]
    );
}

#[test]
fn adversaries_resolve_and_default_to_the_links_a_end() {
    let tail = r#"[[adversary]]
name = "S"
kind = "spoof"
link = "L"
impersonate = "JPN-NAT"
start_s = 30
period_s = 2.5
[[adversary]]
name = "R"
kind = "replay"
link = "L""#;
    let input = load(&scenario("", "", "", tail));
    let [spoof, replay] = input.adversaries.as_slice() else {
        panic!("two adversaries")
    };
    assert_eq!(spoof.kind, AdversaryKind::Spoof);
    assert_eq!(spoof.link.index(), 0);
    assert_eq!(spoof.impersonates.index(), 1);
    assert_eq!(spoof.start, SimDuration::from_secs(30));
    assert_eq!(spoof.period, SimDuration::from_millis(2500));
    assert_eq!(replay.kind, AdversaryKind::Replay);
    assert_eq!(replay.impersonates.index(), 0, "the link's a end, CJTF");
    assert_eq!(
        (replay.start, replay.period),
        (SimDuration::ZERO, SimDuration::from_secs(10))
    );
}

fn roster(n: usize) -> String {
    let codes = [
        "USA", "JPN", "AUS", "GBR", "CAN", "NZL", "KOR", "FRA", "DEU",
    ];
    let extra: String = codes[2..n]
        .iter()
        .map(|c| format!("[[nation]]\nid = \"{c}\"\nname = \"{c}\"\n"))
        .collect();
    scenario("", "", "", &extra)
}

#[test]
fn a_roster_holds_at_most_eight_nations() {
    let input = load(&roster(8));
    assert_eq!(input.network.class_release.ballistic.bits(), 0xff);
    let errors = crate::load("t.toml", &roster(9)).expect_err("nine nations");
    let [p] = errors.problems() else {
        panic!("one problem: {errors}")
    };
    assert_eq!(p.key_path, "nation[8]");
    assert!(p.message.starts_with("too many nations"), "{}", p.message);
}

/// Windows as the checker sees them: in order, each non-empty, within 600 s.
fn acceptable(windows: &[(u16, u16)]) -> bool {
    let each = windows.iter().all(|&(s, e)| s < e && e <= 600);
    let ordered = windows.windows(2).all(|w| w[1].0 >= w[0].1);
    each && ordered
}

proptest! {
    #[test]
    fn partitions_are_accepted_exactly_when_ordered_disjoint_and_in_the_run(
        windows in prop::collection::vec((0u16..700, 0u16..700), 0..4)
    ) {
        let list: Vec<String> = windows.iter().map(|(s, e)| format!("[{s}, {e}]")).collect();
        let text = scenario("", "", &format!("partitions = [{}]", list.join(", ")), "");
        match crate::load("t.toml", &text) {
            Ok(input) => {
                prop_assert!(acceptable(&windows), "accepted {windows:?}");
                let expected: Vec<_> = windows
                    .iter()
                    .map(|&(s, e)| {
                        (SimDuration::from_secs(i64::from(s)), SimDuration::from_secs(i64::from(e)))
                    })
                    .collect();
                prop_assert_eq!(&input.links[0].partitions, &expected);
            }
            Err(errors) => {
                prop_assert!(!acceptable(&windows), "rejected {windows:?}: {errors}");
                prop_assert!(errors.problems().iter().all(|p| p.key_path.starts_with("link[0].partitions[")));
            }
        }
    }
}
