//! `kizuna asterix decode|stats`: ASTERIX recordings (raw, libpcap, FINAL frames) decoded by
//! the `asterix` crate; records written as JSON lines, counts printed.

use anyhow::{Context, Result};
use asterix::{Decoded, FieldValue, ItemValue, Record, Value};
use serde_json::{Map, Value as Json, json};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Largest recording read, 2 GiB: a day of a busy radar feed is well under it, and the
/// decoded records (about 10 times the bytes) still fit in memory.
const MAX_RECORDING_BYTES: usize = 2 << 30;
/// Decoding errors printed one by one before only their count.
const MAX_ERRORS_SHOWN: usize = 20;

/// `kizuna asterix …`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum AsterixCommand {
    /// Decode every record into JSON lines (category, edition, offsets, time, every item).
    #[command(
        after_help = "Exit status: 0 decoded whole, 1 records written but some data could not be decoded (each problem printed with its location), 2 unreadable file.\n\nExample:\n  kizuna asterix decode cat_034_048.pcap --out records.jsonl"
    )]
    Decode {
        /// Recording: concatenated data blocks, libpcap, or FINAL frames (detected).
        file: PathBuf,
        /// Output file (JSON lines), written whole or not at all.
        #[arg(long)]
        out: PathBuf,
    },
    /// Count payloads, duplicates, blocks and records per category, skipped blocks, errors.
    #[command(after_help = "Example:\n  kizuna asterix stats cat_034_048.pcap")]
    Stats {
        /// Recording: concatenated data blocks, libpcap, or FINAL frames (detected).
        file: PathBuf,
        /// One JSON object on stdout instead of the table.
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn asterix(command: &AsterixCommand) -> Result<ExitCode> {
    match command {
        AsterixCommand::Decode { file, out } => {
            let decoded = read(file)?;
            let mut text = String::new();
            for r in &decoded.records {
                let line = serde_json::to_string(&record_json(r)).context("JSON of a record")?;
                text.push_str(&line);
                text.push('\n');
            }
            crate::staging::write_file_atomically(out, text.as_bytes())?;
            println!(
                "{} written to {}",
                crate::output::count(decoded.records.len() as u64, "record"),
                out.display()
            );
            Ok(report_errors(&decoded))
        }
        AsterixCommand::Stats { file, json } => {
            let decoded = read(file)?;
            if *json {
                println!("{}", stats_json(&decoded));
            } else {
                print!("{}", stats_table(&decoded));
            }
            Ok(report_errors(&decoded))
        }
    }
}

fn read(file: &std::path::Path) -> Result<Decoded> {
    let bytes = crate::input::read_bytes(file, MAX_RECORDING_BYTES, "recording")?;
    Ok(asterix::decode_file(&bytes))
}

/// Prints the decoding problems on stderr; exit status 1 if there were any.
fn report_errors(d: &Decoded) -> ExitCode {
    let all = d
        .errors
        .iter()
        .map(ToString::to_string)
        .chain(d.container_error.iter().map(ToString::to_string));
    for e in all.clone().take(MAX_ERRORS_SHOWN) {
        eprintln!("error: {e}");
    }
    let n = all.count();
    if n > MAX_ERRORS_SHOWN {
        eprintln!("… and {} more", n - MAX_ERRORS_SHOWN);
    }
    if n == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02X}");
        s
    })
}

/// A field's JSON: codes as numbers, text as strings, quantities with raw value, unit and
/// the SI value where the unit is not SI.
fn field_json(f: &FieldValue) -> Option<Json> {
    Some(match f.value() {
        Value::Code(c) => json!(c),
        Value::Text(t) => json!(t),
        Value::Quantity(q) => {
            let mut m = Map::new();
            m.insert("raw".into(), json!(f.integer()));
            m.insert("value".into(), json!(q.value));
            m.insert("unit".into(), json!(q.unit.symbol()));
            if let Some((v, unit)) = q.si() {
                m.insert("si".into(), json!(v));
                m.insert("si_unit".into(), json!(unit));
            }
            Json::Object(m)
        }
        // Structure, not data: spares are 0 by the standard and FX bits are implied by which
        // parts are present.
        Value::Spare(_) | Value::Fx(_) => return None,
    })
}

fn fields_json(fields: &[FieldValue]) -> Map<String, Json> {
    fields
        .iter()
        .filter_map(|f| Some((f.name().to_owned(), field_json(f)?)))
        .collect()
}

fn item_json(value: &ItemValue) -> Json {
    match value {
        ItemValue::Fields(fs) => Json::Object(fields_json(fs)),
        ItemValue::Extended { fields, undecoded } => {
            let mut m = fields_json(fields);
            m.insert("undecoded".into(), json!(hex(undecoded)));
            Json::Object(m)
        }
        ItemValue::Repetitive(es) => {
            Json::Array(es.iter().map(|e| Json::Object(fields_json(e))).collect())
        }
        ItemValue::Compound(subs) => Json::Object(
            subs.iter()
                .map(|(n, v)| ((*n).to_owned(), item_json(v)))
                .collect(),
        ),
        ItemValue::Bytes(b) => json!(hex(b)),
    }
}

/// One line of `records.jsonl` (docs/outputs.md).
fn record_json(r: &Record) -> Json {
    let items: Map<String, Json> = r
        .items
        .iter()
        .map(|i| {
            (
                format!("I{:03}/{}", r.category, i.spec.id),
                item_json(&i.value),
            )
        })
        .collect();
    json!({
        "category": r.category,
        "edition": r.edition,
        "block_offset": r.block_offset,
        "record_offset": r.offset,
        "record_index": r.index,
        "time_of_day_s": r.time_of_day_s(),
        "items": items,
    })
}

fn by_category(m: &std::collections::BTreeMap<u8, u64>) -> Json {
    Json::Object(
        m.iter()
            .map(|(c, n)| (format!("{c:03}"), json!(n)))
            .collect(),
    )
}

fn stats_json(d: &Decoded) -> Json {
    let s = &d.stats;
    json!({
        "container": d.container.name(),
        "payloads": s.payloads,
        "duplicates": s.duplicates,
        "skipped_packets": s.skipped_packets,
        "blocks": by_category(&s.blocks),
        "records": by_category(&s.records),
        "skipped_blocks": by_category(&s.skipped_blocks),
        "errors": s.errors,
    })
}

fn stats_table(d: &Decoded) -> String {
    let s = &d.stats;
    let mut t = String::new();
    let _ = writeln!(t, "container        {}", d.container.name());
    let _ = writeln!(t, "payloads         {}", s.payloads);
    let _ = writeln!(
        t,
        "duplicates       {} (dual-LAN copies, not decoded again)",
        s.duplicates
    );
    let _ = writeln!(t, "skipped packets  {} (not IPv4/UDP)", s.skipped_packets);
    let _ = writeln!(t, "errors           {}", s.errors);
    let _ = writeln!(t, "category  blocks  records  skipped");
    for (cat, blocks) in &s.blocks {
        let records = s.records.get(cat).copied().unwrap_or_default();
        let skipped = s.skipped_blocks.get(cat).copied().unwrap_or_default();
        let _ = writeln!(t, "CAT{cat:03}    {blocks:>7}  {records:>7}  {skipped:>7}");
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_line_has_units_and_si_values() {
        // CAT048: I010 and I040.
        let bytes = [48, 0, 10, 0b1001_0000, 0x19, 0xC9, 0xC5, 0xAF, 0xF1, 0xE0];
        let d = asterix::decode_file(&bytes);
        let line = record_json(&d.records[0]);
        assert_eq!(line["items"]["I048/010"], json!({"SAC": 25, "SIC": 201}));
        let rho = &line["items"]["I048/040"]["RHO"];
        assert_eq!(rho["raw"], json!(50607));
        assert_eq!(rho["unit"], json!("NM"));
        assert_eq!(rho["si_unit"], json!("m"));
        assert_eq!(line["time_of_day_s"], Json::Null);
    }
}
