//! The JSON Schema is a valid draft 2020-12 schema, accepts the built-in scenarios and rejects
//! unknown keys and bad enum values. Needs the `schema-check` feature (jsonschema); without it
//! one test says so through `testkit::skip!`.

#[cfg(not(feature = "schema-check"))]
#[test]
fn schema_validation_needs_the_schema_check_feature() {
    testkit::skip!(
        testkit::JSONSCHEMA,
        "the JSON Schema validation tests need `--features scenario/schema-check` (jsonschema)"
    );
}

#[cfg(feature = "schema-check")]
mod with_jsonschema {

    fn toml_to_json(value: toml::Value) -> serde_json::Value {
        use serde_json::Value as J;
        match value {
            toml::Value::String(s) => J::String(s),
            toml::Value::Integer(i) => J::from(i),
            toml::Value::Float(f) => J::from(f),
            toml::Value::Boolean(b) => J::Bool(b),
            toml::Value::Datetime(d) => J::String(d.to_string()),
            toml::Value::Array(items) => J::Array(items.into_iter().map(toml_to_json).collect()),
            toml::Value::Table(t) => {
                J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
            }
        }
    }

    fn as_json(text: &str) -> serde_json::Value {
        toml_to_json(toml::from_str::<toml::Value>(text).expect("valid TOML"))
    }

    #[test]
    fn schema_is_valid_draft_2020_12() {
        let schema = scenario::json_schema();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("invalid schema: {e}");
        }
    }

    #[test]
    fn builtins_validate_against_the_schema() {
        let validator = jsonschema::validator_for(&scenario::json_schema()).expect("compiles");
        for (name, _) in scenario::builtin::list() {
            let instance = as_json(scenario::builtin::get(name).expect("listed"));
            let errors: Vec<String> = validator
                .iter_errors(&instance)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:#?}");
        }
    }

    #[test]
    fn schema_rejects_what_the_walker_rejects_at_key_level() {
        let validator = jsonschema::validator_for(&scenario::json_schema()).expect("compiles");
        let text = scenario::builtin::get("two-nation-salvo").expect("built in");
        for (old, new) in [
            ("lat_deg = 35.68", "lat_dg = 35.68"),        // unknown key
            ("kind = \"fixed\"", "kind = \"fixd\""),      // enum value
            ("lat_deg = 35.68", "lat_deg = 95.0"),        // range
            ("radius_m = 30000\n", ""),                   // required key
            ("format_version = 1", "format_version = 2"), // version
            ("count = 2", "count = 0"),                   // salvo count
            (
                "flight_time_s = 430",
                "flight_time_s = 430\napogee_km = 300",
            ), // exactly one shape
            (
                "lat_deg = 35.69\nlon_deg = 139.73",
                "lat_deg = 35.69\nlon_deg = 139.73\nspeed_mps = 3",
            ), // variant
            ("pd = 0.8", "pd = 0.8\nref_snr_db = 13"),    // nominal pd with the radar equation
            ("pfa = 1e-8", "pfa = 0.5"),                  // false-alarm probability
            ("scan = \"phased_array\"", "scan = \"phased\""), // scan kind
            ("burn_time_s = 65", "burn_time_s = 65\nswerling = 2"), // Swerling case
            ("scan_period_s = 4", "scan_period_s = 4\nrevisit_s = 4"), // space_ir key on a radar
            ("queue_bytes = 32768", "queue_bytes = 100"), // below one frame
            (
                "overflow = \"drop_lowest_priority\"",
                "overflow = \"drop-oldest\"",
            ), // enum value
            ("sharing = \"track\"", "sharing = \"tracks\""), // sharing mode
            (
                "sharing = \"track\"",
                "sharing = \"track\"\nheartbeat_s = 0",
            ), // period range
            ("sharing = \"track\"", "sharing = \"track\"\nr2_margin = 16"), // margin range
            (
                "sharing = \"track\"",
                "sharing = \"track\"\nrelease_air = \"USA\"",
            ), // not a list
            (
                "role = \"combined\"",
                "role = \"combined\"\nsigning_key = \"00ff\"",
            ), // key length
        ] {
            assert!(text.contains(old), "{old}");
            let mangled = text.replacen(old, new, 1);
            assert!(
                scenario::load("x.toml", &mangled).is_err(),
                "walker accepts {new}"
            );
            assert!(
                !validator.is_valid(&as_json(&mangled)),
                "schema accepts {new}"
            );
        }
    }

    #[test]
    fn schema_rejects_bad_network_keys_of_the_default() {
        let validator = jsonschema::validator_for(&scenario::json_schema()).expect("compiles");
        let text = scenario::builtin::get("western-pacific").expect("built in");
        for (old, new) in [
            ("kind = \"replay\"", "kind = \"replay-attack\""), // adversary kind
            ("partitions = [[900, 1020]]", "partitions = [[900]]"), // not a pair
            (
                "release_to = [\"JPN\", \"USA\"]",
                "release_to = [\"JPN\", \"JPN\"]",
            ), // repeated
            ("fusion = \"ci\"", "fusion = \"CI\""),            // fusion rule
            ("period_s = 20", "period_s = 0"),                 // adversary period
            ("impersonate = \"USA-NAT\"\n", ""),               // a spoof names its victim
        ] {
            assert!(text.contains(old), "{old}");
            let mangled = text.replacen(old, new, 1);
            assert!(
                scenario::load("x.toml", &mangled).is_err(),
                "walker accepts {new}"
            );
            assert!(
                !validator.is_valid(&as_json(&mangled)),
                "schema accepts {new}"
            );
        }
    }

    #[test]
    fn schema_rejects_bad_engagement_keys_of_the_default() {
        let validator = jsonschema::validator_for(&scenario::json_schema()).expect("compiles");
        let text = scenario::builtin::get("western-pacific").expect("built in");
        // At the start of a line: the comments mention some of these keys too.
        for (old, new) in [
            ("\nsolver = \"local\"", "\nsolver = \"gredy\""), // WTA solver
            ("\nkind = \"no_fire\"", "\nkind = \"no-fire\""), // zone kind
            ("\nstatus = \"free\"", "\nstatus = \"weapons free\""), // WCS status
            ("\nsalvo = 1", "\nsalvo = 9"),                   // at most 8
            ("reserve_fraction = 0", "reserve_fraction = 1"), // [0, 1)
            ("sspk_air = 0.85", "sspk_air = 1.5"),            // a probability
            ("basket_m = 1500\n", ""),                        // required
            ("\nfallback = \"hold\"", "\nfallback = \"weapons_hold\""), // fire unit fallback
        ] {
            assert!(text.contains(old), "{old}");
            let mangled = text.replacen(old, new, 1);
            assert!(
                scenario::load("x.toml", &mangled).is_err(),
                "walker accepts {new}"
            );
            assert!(
                !validator.is_valid(&as_json(&mangled)),
                "schema accepts {new}"
            );
        }
    }
}
