//! The subcommands.

use crate::RunArgs;
use crate::output::{OutputDir, print_summary_table};
use anyhow::{Context, Result, bail};
use base::SimTime;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Progress-bar resolution: the run advances in this many slices.
const PROGRESS_STEPS: i64 = 200;

/// Where a scenario's text came from.
pub(crate) struct Source {
    pub(crate) name: String,
    pub(crate) text: String,
}

/// The text of a scenario file, or of the built-in scenario of that name.
pub(crate) fn read_source(arg: Option<&str>) -> Result<Source> {
    let name = arg.unwrap_or(scenario::builtin::DEFAULT);
    let path = Path::new(name);
    if path.exists() {
        let text = read_scenario_file(path)?;
        return Ok(Source {
            name: name.to_owned(),
            text,
        });
    }
    match scenario::builtin::get(name) {
        Some(text) => Ok(Source {
            name: format!("{name}.toml"),
            text: text.to_owned(),
        }),
        None => {
            let names: Vec<&str> = scenario::builtin::list().iter().map(|(n, _)| *n).collect();
            let hint = crate::typo::closest(name, names.iter().copied())
                .map(|b| format!("; did you mean the built-in scenario `{b}`?"))
                .unwrap_or_default();
            bail!(
                "no scenario file {name:?} and no built-in scenario of that name (built-ins: {}){hint}",
                names.join(", ")
            )
        }
    }
}

/// Most problems printed for a rejected scenario (then how many more there are).
pub(crate) const MAX_PROBLEMS_SHOWN: u32 = 50;

/// Prints the problems of a rejected scenario on stderr, compiler style (`file:line:col:
/// error: …`, at most [`MAX_PROBLEMS_SHOWN`], each line cut at a safe length), then a count.
pub(crate) fn report_problems(errors: &scenario::ScenarioErrors) {
    report_problems_capped(errors, MAX_PROBLEMS_SHOWN);
}

fn report_problems_capped(errors: &scenario::ScenarioErrors, max: u32) {
    let n = errors.error_count();
    eprintln!("{}", errors.compact(max as usize));
    eprintln!(
        "{}: {n} problem{} found",
        errors.source_name(),
        if n == 1 { "" } else { "s" }
    );
}

/// Prints the warnings of a scenario that loads (a heavy run, capped false alarms) on stderr,
/// compiler style, at most [`MAX_PROBLEMS_SHOWN`].
pub(crate) fn report_warnings(warnings: &scenario::Warnings) {
    if !warnings.is_empty() {
        eprintln!("{}", warnings.compact(MAX_PROBLEMS_SHOWN as usize));
    }
}

/// Reads and validates a scenario (file or built-in name), printing its warnings. `Ok(None)`:
/// it was rejected and every problem has been reported; the command should exit with status 1.
pub(crate) fn load_input(arg: Option<&str>) -> Result<Option<(Source, sim::Input)>> {
    let source = read_source(arg)?;
    match scenario::load_with_warnings(&source.name, &source.text) {
        Ok(loaded) => {
            report_warnings(&loaded.warnings);
            Ok(Some((source, loaded.input)))
        }
        Err(errors) => {
            report_problems(&errors);
            Ok(None)
        }
    }
}

/// Latest `--until`, seconds: the longest scenario the format allows (10 days).
const MAX_UNTIL_S: f64 = 864_000.0;

/// `--until SECONDS` as a time: finite, in [0, 10 days].
pub(crate) fn until_arg(until: Option<f64>) -> Result<Option<SimTime>> {
    match until {
        Some(s) if !(s.is_finite() && (0.0..=MAX_UNTIL_S).contains(&s)) => {
            bail!("--until must be a number of seconds in [0, {MAX_UNTIL_S}], got {s}")
        }
        Some(s) => Ok(Some(SimTime::from_secs_f64(s))),
        None => Ok(None),
    }
}

pub(crate) fn run(args: &RunArgs) -> Result<ExitCode> {
    let Some((source, input)) = load_input(args.scenario.as_deref())? else {
        return Ok(ExitCode::from(1));
    };
    let seed = args.seed.unwrap_or(input.seed);
    let used_text = scenario_as_run(&source.text, args.seed)?;
    let until = until_arg(args.until)?;
    let wall = Instant::now();
    let mut sim = sim::Simulation::new(&input, seed, until)
        .with_context(|| format!("cannot build the world of {}", source.name))?;
    let build_s = wall.elapsed().as_secs_f64();
    let mut out = OutputDir::create(&args.out, args.force)?;
    let scenario_out = out.dir().join(audit::SCENARIO_FILE);
    std::fs::write(&scenario_out, &used_text)
        .with_context(|| format!("cannot write {}", scenario_out.display()))?;
    let bar = if args.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(PROGRESS_STEPS as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:40}] {msg}")
            .expect("static template is valid")
            .progress_chars("=> "),
    );
    let end = sim.end();
    let running = Instant::now();
    let mut eta = crate::eta::Eta::new(end.as_secs_f64());
    for step in 1..=PROGRESS_STEPS {
        let t = SimTime::from_nanos(end.as_nanos() / PROGRESS_STEPS * step);
        sim.run_until(t, &mut out);
        let left = eta.update(running.elapsed().as_secs_f64(), t.as_secs_f64());
        bar.set_position(step as u64);
        bar.set_message(format!(
            "t = {:.0} of {:.0} s, {}",
            t.as_secs_f64(),
            end.as_secs_f64(),
            crate::eta::format_left(left)
        ));
    }
    bar.set_message("writing report.html, scenario.czml and scenario.kml");
    let summary = sim.finish(&mut out);
    bar.finish_and_clear();
    let out_path = out.finish(&input, &summary)?;
    let wall_s = wall.elapsed().as_secs_f64();
    if !args.quiet {
        print_summary_table(&summary, build_s, wall_s);
    }
    println!("outputs written to {}", out_path.display());
    Ok(ExitCode::SUCCESS)
}

/// The scenario text a run used, for its output directory: the source with `--seed` written
/// into `[scenario] seed` (so `kizuna run DIR/scenario.toml` repeats the run). A seed beyond
/// TOML's integer range cannot be written there; it is named in a leading comment instead.
fn scenario_as_run(text: &str, seed: Option<u64>) -> Result<String> {
    let Some(seed) = seed else {
        return Ok(text.to_owned());
    };
    if i64::try_from(seed).is_err() {
        return Ok(format!(
            "# Run with --seed {seed} (beyond TOML's integer range: pass it again to repeat the run).\n{text}"
        ));
    }
    let set = scenario::Override::parse(&format!("scenario.seed={seed}"))?;
    Ok(scenario::apply_overrides(text, &[set])?)
}

pub(crate) fn validate(args: &crate::ValidateArgs) -> Result<ExitCode> {
    let path = &args.scenario;
    let text = read_scenario_file(path)?;
    let name = path.display().to_string();
    let json = args.format == crate::Format::Json;
    match scenario::load_with_warnings(&name, &text) {
        Ok(loaded) if json => {
            // The warnings, each with `"severity": "warning"`.
            let mut report = loaded.warnings.to_json(args.max_problems as usize);
            report["valid"] = serde_json::Value::Bool(true);
            println!("{report}");
            Ok(ExitCode::SUCCESS)
        }
        Ok(loaded) => {
            let input = &loaded.input;
            let counts = [
                (input.nations.len(), "nation"),
                (input.platforms.len(), "platform"),
                (input.sensors.len(), "sensor"),
                (input.fire_units.len(), "fire unit"),
                (input.threats.len(), "threat"),
                (input.traffic.len(), "flight"),
            ]
            .map(|(n, noun)| format!("{n} {noun}{}", if n == 1 { "" } else { "s" }));
            println!("{name}: valid ({})", counts.join(", "));
            if !loaded.warnings.is_empty() {
                eprintln!("{}", loaded.warnings.compact(args.max_problems as usize));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) if json => {
            let mut report = errors.to_json(args.max_problems as usize);
            report["valid"] = serde_json::Value::Bool(false);
            println!("{report}");
            Ok(ExitCode::from(1))
        }
        Err(errors) => {
            report_problems_capped(&errors, args.max_problems);
            Ok(ExitCode::from(1))
        }
    }
}

/// Reads a scenario file of at most [`scenario::MAX_SCENARIO_BYTES`] (`/dev/zero` is refused
/// once the limit is passed, not read forever).
pub(crate) fn read_scenario_file(path: &Path) -> Result<String> {
    crate::input::read_text(path, scenario::MAX_SCENARIO_BYTES, "scenario file")
}

pub(crate) fn scenario_list() -> Result<ExitCode> {
    for (name, description) in scenario::builtin::list() {
        let marker = if *name == scenario::builtin::DEFAULT {
            " (default)"
        } else {
            ""
        };
        println!("{name}{marker}\n    {description}");
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn scenario_show(name: Option<&str>) -> Result<ExitCode> {
    let name = name.unwrap_or(scenario::builtin::DEFAULT);
    match scenario::builtin::get(name) {
        Some(text) => {
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        None => bail!("no built-in scenario {name:?}; see `kizuna scenario list`"),
    }
}

pub(crate) fn schema() -> Result<ExitCode> {
    println!(
        "{}",
        serde_json::to_string_pretty(&scenario::json_schema())?
    );
    Ok(ExitCode::SUCCESS)
}
