//! `cargo xtask tutorial`: runs every command of `docs/tutorial.md` in a scratch directory with
//! the release `kizuna` on `PATH`, and checks each output against what the tutorial shows,
//! within the tolerances it states. Each command below must appear verbatim in the tutorial, so
//! the document and this check cannot drift apart. `.ci/fresh-clone` runs it in a fresh clone
//! without `../shared`.
//!
//! Numbers that come from the scenario or from a seeded generator are checked exactly; outcomes
//! of the engine (leakers, intercepts, GOSPA), which change as the engine improves, are checked
//! against the ranges the tutorial states.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output};

/// What a step's check sees: the command's output and the scratch directory.
type Check = fn(&Output, &Path) -> Result<(), String>;

/// The tutorial's commands, in order, with their checks.
const STEPS: &[(&str, Check)] = &[
    ("kizuna run --out runs/default", default_run),
    (
        "kizuna scenario show two-nation-salvo > salvo.toml",
        salvo_copied,
    ),
    ("sed -i 's/^count = 2$/count = 4/' salvo.toml", succeeds),
    ("kizuna validate salvo.toml", salvo_valid),
    (
        "sed -i 's/^target = \"Tokyo\"/target = \"Tokio\"/' salvo.toml",
        succeeds,
    ),
    ("kizuna validate salvo.toml", salvo_typo),
    ("sed -i 's/\"Tokio\"/\"Tokyo\"/' salvo.toml", succeeds),
    ("kizuna run salvo.toml --out runs/salvo --quiet", salvo_run),
    (
        "kizuna compare two-nation-salvo --runs 8 --variant national --variant allied-eor --out runs/compare",
        compare,
    ),
    (
        "kizuna gen-bench -n 100 -s 100 -c 100 --pd 0.9 --seed 42 -o n100",
        gen_bench,
    ),
    (
        "kizuna track --measurements n100/measurements.jsonl --truth n100/truth.jsonl --out runs/n100",
        track,
    ),
    (
        "kizuna gen-wta -m 5 -n 10 -u 2 --seed 1 -o wta_5x10x2.txt",
        gen_wta,
    ),
    (
        "kizuna wta --instance wta_5x10x2.txt --solver exact",
        wta_exact,
    ),
    (
        "kizuna wta --instance wta_5x10x2.txt --solver greedy",
        wta_greedy,
    ),
];

/// The optimum of the tutorial's WTA instance (`exact`, proven; the instance is seeded), as
/// `kizuna wta` prints it (6 decimals).
const WTA_OPTIMUM: f64 = 118.593_142;

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(o: &Output) -> Result<(), String> {
    if o.status.success() {
        Ok(())
    } else {
        Err(format!("exit {:?}:\n{}", o.status.code(), text(o)))
    }
}

fn json(path: &Path) -> Result<Value, String> {
    let t = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&t).map_err(|e| format!("{}: {e}", path.display()))
}

fn num(v: &Value, what: &str) -> Result<f64, String> {
    v.as_f64()
        .ok_or_else(|| format!("{what}: not a number: {v}"))
}

fn within(what: &str, x: f64, lo: f64, hi: f64) -> Result<(), String> {
    if (lo..=hi).contains(&x) {
        Ok(())
    } else {
        Err(format!("{what} = {x}, the tutorial says [{lo}, {hi}]"))
    }
}

fn contains(o: &Output, needle: &str) -> Result<(), String> {
    let t = text(o);
    if t.contains(needle) {
        Ok(())
    } else {
        Err(format!("output lacks {needle:?}:\n{t}"))
    }
}

fn succeeds(o: &Output, _: &Path) -> Result<(), String> {
    ok(o)
}

fn default_run(o: &Output, dir: &Path) -> Result<(), String> {
    ok(o)?;
    contains(o, "threats / flights          25 / 9")?;
    contains(o, "outputs written to runs/default")?;
    let run = dir.join("runs/default");
    for f in [
        "summary.json",
        "series.json",
        "events.jsonl",
        "truth.csv",
        "detections.csv",
        "tracks.csv",
        "report.html",
        "scenario.czml",
        "scenario.kml",
    ] {
        if !run.join(f).is_file() {
            return Err(format!("runs/default/{f} missing"));
        }
    }
    let size = std::fs::metadata(run.join("summary.json"))
        .map_err(|e| e.to_string())?
        .len();
    within("summary.json size (kB)", size as f64 / 1e3, 10.0, 200.0)?;
    let s = json(&run.join("summary.json"))?;
    let moe = &s["moe"];
    within(
        "threats launched",
        num(&moe["threats_launched"], "threats")?,
        25.0,
        25.0,
    )?;
    within(
        "intercepts",
        num(&moe["intercepts"], "intercepts")?,
        1.0,
        25.0,
    )?;
    within("leakers", num(&moe["leakers"], "leakers")?, 0.0, 24.0)?;
    within(
        "fratricides",
        num(&moe["fratricides"], "fratricides")?,
        0.0,
        0.0,
    )
}

fn salvo_copied(o: &Output, dir: &Path) -> Result<(), String> {
    ok(o)?;
    let t = std::fs::read_to_string(dir.join("salvo.toml")).map_err(|e| e.to_string())?;
    if t.contains("\ncount = 2\n") && t.contains("target = \"Tokyo\"") {
        Ok(())
    } else {
        Err("salvo.toml lacks `count = 2` or `target = \"Tokyo\"`".into())
    }
}

fn salvo_valid(o: &Output, _: &Path) -> Result<(), String> {
    ok(o)?;
    contains(o, "salvo.toml: valid")?;
    contains(o, "4 threats")
}

fn salvo_typo(o: &Output, _: &Path) -> Result<(), String> {
    if o.status.code() != Some(1) {
        return Err(format!(
            "exit {:?}, expected 1:\n{}",
            o.status.code(),
            text(o)
        ));
    }
    contains(o, "salvo.toml:")?;
    contains(o, "Tokio")?;
    contains(o, "did you mean `Tokyo`?")
}

fn salvo_run(o: &Output, dir: &Path) -> Result<(), String> {
    ok(o)?;
    let s = json(&dir.join("runs/salvo/summary.json"))?;
    within(
        "threats launched",
        num(&s["moe"]["threats_launched"], "launched")?,
        4.0,
        4.0,
    )
}

fn compare(o: &Output, dir: &Path) -> Result<(), String> {
    ok(o)?;
    contains(o, "allied-eor − national")?;
    contains(o, "↑ more is better, ↓ less is better")?;
    let s = json(&dir.join("runs/compare/study.json"))?;
    let variants = s["variants"].as_array().map_or(0, Vec::len);
    let seeds = s["seeds"].as_array().map_or(0, Vec::len);
    if variants == 2 && seeds == 8 {
        Ok(())
    } else {
        Err(format!("study.json: {variants} variants, {seeds} seeds"))
    }
}

fn gen_bench(o: &Output, _: &Path) -> Result<(), String> {
    ok(o)?;
    contains(o, GEN_BENCH_LINE)
}

/// `kizuna gen-bench`'s report for the tutorial's arguments (a seeded generator: exact).
const GEN_BENCH_LINE: &str = "100 frames of 100 targets (8958 target detections, 10072 false alarms, L = 50000.0 m) written to n100";

fn track(o: &Output, dir: &Path) -> Result<(), String> {
    ok(o)?;
    let m = json(&dir.join("runs/n100/metrics.json"))?;
    // Stone Soup's GNN scores 1933 m on the same configuration (../shared/bench/README.md).
    within(
        "mean GOSPA after warm-up (m)",
        num(&m["gospa_mean"], "gospa")?,
        1700.0,
        2200.0,
    )
}

fn gen_wta(o: &Output, dir: &Path) -> Result<(), String> {
    ok(o)?;
    let t = std::fs::read_to_string(dir.join("wta_5x10x2.txt")).map_err(|e| e.to_string())?;
    if t.starts_with("5 10 2\n") && t.lines().count() == 1 + 10 + 50 {
        Ok(())
    } else {
        Err("wta_5x10x2.txt: not a 5x10x2 instance".into())
    }
}

fn wta_objective(o: &Output) -> Result<f64, String> {
    let t = text(o);
    let line = t
        .lines()
        .find(|l| l.starts_with("objective"))
        .ok_or_else(|| format!("no objective line:\n{t}"))?;
    line.split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("unreadable objective line {line:?}"))
}

fn wta_exact(o: &Output, _: &Path) -> Result<(), String> {
    ok(o)?;
    contains(o, "proven optimal")?;
    let x = wta_objective(o)?;
    within("exact objective", x, WTA_OPTIMUM - 5e-7, WTA_OPTIMUM + 5e-7)
}

fn wta_greedy(o: &Output, _: &Path) -> Result<(), String> {
    ok(o)?;
    let x = wta_objective(o)?;
    // Greedy (maximum marginal return) is within 15 % of the optimum here, never below it.
    within(
        "greedy objective",
        x,
        WTA_OPTIMUM - 5e-7,
        WTA_OPTIMUM * 1.15,
    )
}

/// Runs the tutorial in a scratch directory; `kizuna` is `<target>/release/kizuna`.
pub(crate) fn run(root: &Path) -> ExitCode {
    let doc = match std::fs::read_to_string(root.join("docs/tutorial.md")) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("xtask tutorial: docs/tutorial.md: {e}");
            return ExitCode::FAILURE;
        }
    };
    let missing: Vec<&str> = STEPS
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| !doc.lines().any(|l| l.trim() == *c))
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "xtask tutorial: commands not in docs/tutorial.md:\n  {}",
            missing.join("\n  ")
        );
        return ExitCode::FAILURE;
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let bin = target.join("release");
    let built = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(root)
        .args(["build", "--release", "--quiet", "-p", "cli"])
        .status();
    if !built.is_ok_and(|s| s.success()) {
        eprintln!("xtask tutorial: cargo build --release -p cli failed");
        return ExitCode::FAILURE;
    }
    let scratch = target.join("tutorial");
    let _ = std::fs::remove_dir_all(&scratch);
    if let Err(e) = std::fs::create_dir_all(&scratch) {
        eprintln!("xtask tutorial: {}: {e}", scratch.display());
        return ExitCode::FAILURE;
    }
    let path = match std::env::var_os("PATH") {
        Some(p) => {
            let mut dirs = vec![bin.clone()];
            dirs.extend(std::env::split_paths(&p));
            std::env::join_paths(dirs).unwrap_or(p)
        }
        None => bin.clone().into_os_string(),
    };
    let mut failed = 0;
    for (i, (cmd, check)) in STEPS.iter().enumerate() {
        let out = Command::new("sh")
            .args(["-c", cmd])
            .current_dir(&scratch)
            .env("PATH", &path)
            .output();
        let result = match out {
            Ok(o) => check(&o, &scratch),
            Err(e) => Err(format!("cannot run: {e}")),
        };
        match result {
            Ok(()) => println!("tutorial step {:>2} ok: {cmd}", i + 1),
            Err(why) => {
                failed += 1;
                println!("tutorial step {:>2} FAILED: {cmd}\n  {why}", i + 1);
            }
        }
    }
    let passed = STEPS.len() - failed;
    println!("tutorial: {passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
