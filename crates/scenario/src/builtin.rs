//! Built-in scenarios, shipped in the binary: copy one with `kizuna scenario show NAME`.

/// The scenario `kizuna run` uses when none is given.
pub const DEFAULT: &str = "western-pacific";

const SCENARIOS: &[(&str, &str, &str)] = &[
    (
        "western-pacific",
        "notional trilateral (USA, JPN, AUS) western Pacific IAMD: batteries with their own fire-control radars, forward midcourse sensors, ballistic salvos and a cruise raid timed to saturate Okinawa, civil and friendly traffic",
        include_str!("../scenarios/western-pacific.toml"),
    ),
    (
        "western-pacific-v1",
        "the default of engine 0.2: radar-less batteries, no midcourse sensors toward Guam and Australia, no saturation (kept for comparison and performance work)",
        include_str!("../scenarios/western-pacific-v1.toml"),
    ),
    (
        "two-nation-salvo",
        "small and fast: one USA-JPN defence against a two-missile SRBM salvo (for tests)",
        include_str!("../scenarios/two-nation-salvo.toml"),
    ),
];

/// The built-in scenarios: (name, one-line description), default first.
pub fn list() -> &'static [(&'static str, &'static str)] {
    const LIST: &[(&str, &str)] = &[
        (SCENARIOS[0].0, SCENARIOS[0].1),
        (SCENARIOS[1].0, SCENARIOS[1].1),
        (SCENARIOS[2].0, SCENARIOS[2].1),
    ];
    LIST
}

/// The TOML text of the built-in scenario `name`.
pub fn get(name: &str) -> Option<&'static str> {
    SCENARIOS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, _, text)| *text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_and_table_agree() {
        assert_eq!(list().len(), SCENARIOS.len());
        assert_eq!(list()[0].0, DEFAULT);
        for (name, _) in list() {
            assert!(get(name).is_some(), "{name} listed but not found");
        }
        assert_eq!(get("no-such-scenario"), None);
    }
}
