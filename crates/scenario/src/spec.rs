//! The declarative description of the format: for every table, its keys, their types, ranges,
//! defaults and which variant they belong to.
//!
//! One description drives three things, so they cannot drift apart: the generic checks of the
//! walker (unknown keys, types, ranges, required keys, alternatives), the JSON Schema
//! ([`crate::json_schema`]) and the key reference in the README (see `reference_markdown`).
//! Cross-references and rules that span several tables live in `build/`.

/// A table of the format.
#[derive(Debug)]
pub(crate) struct TableSpec {
    /// Name in the JSON Schema's `$defs` and in docs (`asset`, `route_point`, …).
    pub(crate) name: &'static str,
    /// One-line description.
    pub(crate) doc: &'static str,
    /// The key whose (enum) value selects the variant (`kind`, `class`, `role`, `side`).
    pub(crate) tag: Option<&'static str>,
    /// The keys.
    pub(crate) fields: &'static [FieldSpec],
    /// Groups of which exactly one key must be present.
    pub(crate) one_of: &'static [OneOf],
    /// Keys that may not be given together.
    pub(crate) conflicts: &'static [Conflict],
}

impl TableSpec {
    /// The field for `key`, if the format has one.
    pub(crate) fn field(&self, key: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }
    /// The allowed values of the tag key.
    pub(crate) fn tag_values(&self) -> &'static [&'static str] {
        match self.tag.and_then(|t| self.field(t)).map(|f| &f.kind) {
            Some(Kind::Enum(values)) => values,
            _ => &[],
        }
    }
}

/// One key of a table.
#[derive(Debug)]
pub(crate) struct FieldSpec {
    /// The key.
    pub(crate) key: &'static str,
    /// Its type and range.
    pub(crate) kind: Kind,
    /// Whether it must be given.
    pub(crate) presence: Presence,
    /// The tag values (variants) it applies to; `None` = all.
    pub(crate) only_for: Option<&'static [&'static str]>,
    /// One-line description.
    pub(crate) doc: &'static str,
}

impl FieldSpec {
    /// Whether the key applies to the variant `tag` (unknown variant: assume yes).
    pub(crate) fn applies_to(&self, tag: Option<&str>) -> bool {
        match (self.only_for, tag) {
            (Some(list), Some(tag)) => list.contains(&tag),
            _ => true,
        }
    }
    /// Whether the key must be present for variant `tag` (unknown variant: only if always).
    pub(crate) fn required_for(&self, tag: Option<&str>) -> bool {
        match self.presence {
            Presence::Required => true,
            Presence::RequiredFor(list) => tag.is_some_and(|t| list.contains(&t)),
            Presence::Optional | Presence::Default(_) | Presence::DefaultBy { .. } => false,
        }
    }
}

/// Whether a key must be given.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Presence {
    /// Always.
    Required,
    /// For these variants of the table's tag.
    RequiredFor(&'static [&'static str]),
    /// Never; absent means "none".
    Optional,
    /// Never; absent means this value.
    Default(DefaultValue),
    /// Never; absent means the value listed for the value of the (enum) key `by` of the same
    /// table, or "none" for values not listed (a threat's RCS by its class).
    DefaultBy {
        /// The selecting key.
        by: &'static str,
        /// Its values and the default each selects.
        values: &'static [(&'static str, DefaultValue)],
    },
}

/// A default value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum DefaultValue {
    /// A number.
    Num(f64),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// An enum value.
    Text(&'static str),
}

/// Exactly one of `keys` must be present (in the variants `when`, or always).
#[derive(Debug)]
pub(crate) struct OneOf {
    /// The alternatives.
    pub(crate) keys: &'static [&'static str],
    /// The tag values the rule applies to; `None` = all.
    pub(crate) when: Option<&'static [&'static str]>,
}

impl DefaultValue {
    /// As written in a scenario file (`0.5`, `true`, `"rotator"`).
    pub(crate) fn shown(self) -> String {
        match self {
            DefaultValue::Num(v) => crate::walk::fmt_num(v),
            DefaultValue::Int(v) => format!("{v}"),
            DefaultValue::Bool(v) => format!("{v}"),
            DefaultValue::Text(v) => format!("\"{v}\""),
        }
    }
}

impl Presence {
    /// For docs: `by class: srbm 0.1, mrbm 0.05` (a selected default), else `None`.
    pub(crate) fn default_by_text(self) -> Option<String> {
        let Presence::DefaultBy { by, values } = self else {
            return None;
        };
        let list = values
            .iter()
            .map(|(v, d)| format!("{v} {}", d.shown()))
            .collect::<Vec<_>>()
            .join(", ");
        Some(format!("by {by}: {list}"))
    }
}

/// `key` may not be given together with any of `with` (in any variant).
#[derive(Debug)]
pub(crate) struct Conflict {
    /// One side.
    pub(crate) key: &'static str,
    /// The other side.
    pub(crate) with: &'static [&'static str],
    /// Why, for the message (lower case, no final full stop).
    pub(crate) why: &'static str,
}

/// A key's type.
#[derive(Debug)]
pub(crate) enum Kind {
    /// The `format_version` key, checked before anything else.
    Version,
    /// A finite number (integers accepted) in a range.
    Number {
        /// What it counts.
        unit: Unit,
        /// Lower bound.
        min: Bound,
        /// Upper bound.
        max: Bound,
    },
    /// An integer in `[min, max]`.
    Integer {
        /// Least allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// `true` or `false`.
    Bool,
    /// A string of some form.
    Text(Text),
    /// One of a closed set of strings.
    Enum(&'static [&'static str]),
    /// One of a closed set of integers (Swerling cases).
    IntEnum {
        /// The allowed values.
        values: &'static [i64],
        /// Help for a value outside the set.
        help: &'static str,
    },
    /// A sub-table.
    Table(&'static TableSpec),
    /// An array of plain values (`release_to = ["USA", "JPN"]`, `partitions = [[900, 1020]]`).
    List(&'static ListSpec),
    /// An array of tables (`[[x]]` or `[{…}, {…}]`) with at least `min_items` elements.
    Tables {
        /// The elements' table.
        spec: &'static TableSpec,
        /// Fewest allowed elements.
        min_items: usize,
    },
}

/// An array of plain values (not tables): its elements' kind and length.
#[derive(Debug)]
pub(crate) struct ListSpec {
    /// The elements' kind.
    pub(crate) item: Kind,
    /// Fewest elements.
    pub(crate) min_items: usize,
    /// Most elements (`usize::MAX`: no limit).
    pub(crate) max_items: usize,
    /// Whether a (string) element may appear only once.
    pub(crate) unique: bool,
    /// The whole array, for messages and docs (`an array of nation ids such as ["USA"]`).
    pub(crate) expected: &'static str,
}

/// The forms of strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Text {
    /// A non-empty name, unique within its kind.
    Name,
    /// Free text.
    Free,
    /// An ISO 3166 alpha-3 nation code (`USA`).
    Nation,
    /// A notional launch-area label `RED-<n>`.
    LaunchArea,
    /// An RFC 3339 UTC timestamp (a string or a TOML offset date-time).
    Timestamp,
    /// The name of an entity of this kind.
    Ref(Entity),
    /// A 32-byte Ed25519 secret seed as 64 hexadecimal digits.
    SigningKey,
}

/// The named entity kinds, in the order they are built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Entity {
    /// `[[nation]]`.
    Nation,
    /// `[[asset]]`.
    Asset,
    /// `[[platform]]`.
    Platform,
    /// `[[node]]`.
    Node,
    /// `[[sensor]]`.
    Sensor,
    /// `[[fire_unit]]`.
    FireUnit,
    /// `[[link]]`.
    Link,
    /// `[[threat]]`.
    Threat,
    /// `[[traffic]]`.
    Traffic,
    /// `[[adversary]]`.
    Adversary,
    /// `[[interceptor]]`.
    Interceptor,
    /// `[[zone]]`.
    Zone,
}

impl Entity {
    /// The top-level array key that defines entities of this kind.
    pub(crate) fn table(self) -> &'static str {
        match self {
            Entity::Nation => "nation",
            Entity::Asset => "asset",
            Entity::Platform => "platform",
            Entity::Node => "node",
            Entity::Sensor => "sensor",
            Entity::FireUnit => "fire_unit",
            Entity::Link => "link",
            Entity::Threat => "threat",
            Entity::Traffic => "traffic",
            Entity::Adversary => "adversary",
            Entity::Interceptor => "interceptor",
            Entity::Zone => "zone",
        }
    }
    /// The noun for messages.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Entity::Nation => "nation",
            Entity::Asset => "asset",
            Entity::Platform => "platform",
            Entity::Node => "node",
            Entity::Sensor => "sensor",
            Entity::FireUnit => "fire unit",
            Entity::Link => "link",
            Entity::Threat => "threat",
            Entity::Traffic => "traffic",
            Entity::Adversary => "adversary",
            Entity::Interceptor => "interceptor",
            Entity::Zone => "zone",
        }
    }
    /// The key holding the entity's name.
    pub(crate) fn name_key(self) -> &'static str {
        match self {
            Entity::Nation => "id",
            _ => "name",
        }
    }
}

/// A bound of a number range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Bound {
    /// `>=` / `<=`.
    Incl(f64),
    /// `>` / `<`.
    Excl(f64),
}

/// What a number counts, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    /// "a number of {noun}".
    pub(crate) noun: &'static str,
    /// Short form after a value.
    pub(crate) abbr: &'static str,
}

/// Units used by the format.
pub(crate) mod units {
    use super::Unit;
    /// Degrees (angles, latitude, longitude).
    pub(crate) const DEG: Unit = Unit {
        noun: "degrees",
        abbr: "deg",
    };
    /// Metres.
    pub(crate) const M: Unit = Unit {
        noun: "metres",
        abbr: "m",
    };
    /// Kilometres.
    pub(crate) const KM: Unit = Unit {
        noun: "kilometres",
        abbr: "km",
    };
    /// Seconds.
    pub(crate) const S: Unit = Unit {
        noun: "seconds",
        abbr: "s",
    };
    /// Milliseconds.
    pub(crate) const MS: Unit = Unit {
        noun: "milliseconds",
        abbr: "ms",
    };
    /// Metres per second.
    pub(crate) const MPS: Unit = Unit {
        noun: "metres per second",
        abbr: "m/s",
    };
    /// Degrees per second.
    pub(crate) const DEG_S: Unit = Unit {
        noun: "degrees per second",
        abbr: "deg/s",
    };
    /// Kilograms per square metre.
    pub(crate) const KG_M2: Unit = Unit {
        noun: "kilograms per square metre",
        abbr: "kg/m^2",
    };
    /// Decibels.
    pub(crate) const DB: Unit = Unit {
        noun: "decibels",
        abbr: "dB",
    };
    /// Square metres (radar cross-section).
    pub(crate) const M2: Unit = Unit {
        noun: "square metres",
        abbr: "m^2",
    };
    /// Microradians.
    pub(crate) const URAD: Unit = Unit {
        noun: "microradians",
        abbr: "urad",
    };
    /// Bits per second.
    pub(crate) const BPS: Unit = Unit {
        noun: "bits per second",
        abbr: "bit/s",
    };
    /// A probability.
    pub(crate) const PROBABILITY: Unit = Unit {
        noun: "probability",
        abbr: "",
    };
    /// A dimensionless quantity.
    pub(crate) const NONE: Unit = Unit { noun: "", abbr: "" };
}
