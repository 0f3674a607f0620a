//! `kizuna`: run, validate and inspect IAMD scenarios.
//!
//! A thin edge over the `sim` and `scenario` crates: argument parsing, files, progress and
//! terminal output live here and nowhere else.

// The edge may print and read the wall clock (for the progress bar and wall time only).
#![allow(clippy::print_stdout, clippy::disallowed_types)]

mod asterix_cmd;
mod auditing;
mod bench;
mod commands;
mod coverage;
mod eta;
mod gen_bench;
mod gen_wta;
mod input;
mod output;
mod staging;
mod study;
mod track;
mod typo;
mod wta;

use clap::{CommandFactory, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Networked multinational integrated air and missile defence simulation.
///
/// With no command, runs the built-in default scenario (same as `kizuna run`).
#[derive(Debug, Parser)]
#[command(name = "kizuna", version, after_help = EXAMPLES)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// With no command: the arguments of `kizuna run`.
    #[command(flatten)]
    run: RunArgs,
}

const EXAMPLES: &str = "Examples:
  kizuna                                  run the built-in default scenario into out/
  kizuna run my.toml --seed 7 --out runs/a
  kizuna validate my.toml
  kizuna scenario show > my.toml          copy the default scenario to edit it";

#[derive(Debug, Subcommand)]
enum Command {
    /// Run a scenario: summary.json, series.json, events.jsonl, CSVs, report.html, CZML and KML.
    #[command(after_help = "Examples:
  kizuna run                              the built-in default scenario
  kizuna run two-nation-salvo --until 300 a built-in scenario by name, first 300 s
  kizuna run my.toml --seed 42 --out runs/seed42")]
    Run(RunArgs),
    /// Check a scenario file; print every problem with file:line:column.
    #[command(
        after_help = "Examples:\n  kizuna validate my.toml && echo valid\n  kizuna validate my.toml --format json   one JSON object on stdout (editors, CI)"
    )]
    Validate(ValidateArgs),
    /// List or print the built-in scenarios.
    #[command(subcommand)]
    Scenario(ScenarioCommand),
    /// Print the JSON Schema of the scenario format (for editor completion).
    #[command(after_help = "Example:\n  kizuna schema > kizuna-scenario.schema.json")]
    Schema,
    /// Print each sensor's coverage against each target kind of a scenario.
    #[command(
        after_help = "Examples:\n  kizuna sensors                     the built-in default scenario\n  kizuna sensors my.toml --json"
    )]
    Sensors {
        /// Scenario file or built-in name (default: the built-in default).
        scenario: Option<String>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Track a benchmark file (iamd-bench/1, shared with Stone Soup) and score it.
    #[command(
        after_help = "Example (make the files with `kizuna gen-bench`):\n  kizuna gen-bench -n 100 -s 100 -c 100 --pd 0.9 --seed 42 -o n100\n  kizuna track --measurements n100/measurements.jsonl --truth n100/truth.jsonl --out runs/n100"
    )]
    Track(TrackArgs),
    /// Generate a tracking benchmark (iamd-bench/1 files for `kizuna track`), as the shared
    /// Python generator does.
    #[command(
        name = "gen-bench",
        after_help = "Example:\n  kizuna gen-bench -n 100 -s 100 -c 100 --pd 0.9 --seed 42 -o n100\n  kizuna track --measurements n100/measurements.jsonl --truth n100/truth.jsonl --out runs/n100"
    )]
    GenBench(gen_bench::GenBenchArgs),
    /// Generate a small weapon-target assignment instance for `kizuna wta` (benchmark format).
    #[command(
        name = "gen-wta",
        after_help = "Example:\n  kizuna gen-wta --weapons 5 --targets 10 --units 2 --seed 1 -o wta_5x10x2.txt\n  kizuna wta --instance wta_5x10x2.txt --solver exact"
    )]
    GenWta(gen_wta::GenWtaArgs),
    /// Measure engine speed: world build, simulated seconds per wall second, truth-query cost.
    #[command(after_help = "Example:\n  cargo run --release -- bench --runs 5")]
    Bench(BenchArgs),
    /// Solve a static weapon-target assignment instance (public benchmark format).
    #[command(
        after_help = "Examples:\n  kizuna gen-wta -m 5 -n 10 -u 2 -o small.txt    a small instance of the project's own\n  kizuna wta --instance small.txt --solver exact\n  kizuna wta --instance wta_50x100x2.txt --solver local --time-limit 5 --json"
    )]
    Wta(wta::WtaArgs),
    /// Monte Carlo: N seeded runs in parallel; mean, sd and 95 % CI of every measure.
    #[command(
        after_help = "Examples:\n  kizuna mc --runs 100 --threads 2\n  kizuna mc two-nation-salvo --runs 20 --set 'link[*].loss=0.2' --out runs/mc"
    )]
    Mc(study::McArgs),
    /// Compare variants over common random numbers: paired differences with 95 % CIs.
    #[command(after_help = study::COMPARE_HELP)]
    Compare(study::CompareArgs),
    /// Check a finished run against truth and its scenario: envelopes, targets, overlaps,
    /// wrong-object intercepts, underground tracks, fratricide, denial reasons.
    #[command(
        after_help = "Exit status: 0 no violation, 1 violations found, 2 run files missing, unreadable or malformed.\n\nExamples:\n  kizuna run --out runs/a && kizuna audit runs/a\n  kizuna audit runs/a --json > audit.json"
    )]
    Audit(auditing::AuditArgs),
    /// Sensitivity sweep of one parameter: a curve (mean, CI) per measure.
    #[command(
        after_help = "Examples:\n  kizuna sweep --param 'link[*].latency_ms=50,200,1000' --runs 8\n  kizuna sweep two-nation-salvo --param 'link[CJTF-JPN].loss=0,0.2,0.5'"
    )]
    Sweep(study::SweepArgs),
    /// Decode ASTERIX recordings (raw data blocks, libpcap, FINAL frames): records as JSON
    /// lines, or counts.
    #[command(subcommand)]
    Asterix(asterix_cmd::AsterixCommand),
    /// Combine the partial studies of `--shard K/N` runs into the files of the whole study
    /// (byte-identical to running it unsharded).
    #[command(
        after_help = "Examples:\n  kizuna mc --runs 1000 --shard 1/4 --out shards/1   (… 4/4, e.g. one per Slurm array task)\n  kizuna merge shards/1 shards/2 shards/3 shards/4 --out study"
    )]
    Merge(study::MergeArgs),
}

/// Arguments of `kizuna track`.
#[derive(Debug, clap::Args)]
struct TrackArgs {
    /// `measurements.jsonl` in the iamd-bench/1 format.
    #[arg(long)]
    measurements: PathBuf,
    /// `truth.jsonl` in the iamd-bench/1 format.
    #[arg(long)]
    truth: PathBuf,
    /// Filter: kf (cartesian files only), ekf or ukf (default: kf for cartesian, else ekf).
    #[arg(long)]
    filter: Option<String>,
    /// Associator: gnn (log-likelihood costs), gnn-mahalanobis (Stone Soup's distance costs,
    /// a miss at the gate) or jpda.
    #[arg(long, default_value = "gnn")]
    associator: String,
    /// Output directory for tracks.jsonl and metrics.json.
    #[arg(long)]
    out: PathBuf,
    /// Replace an existing non-empty output directory of an earlier run (whole).
    #[arg(long)]
    force: bool,
    /// GOSPA cut-off c, metres (run_stonesoup.py's default).
    #[arg(long, default_value_t = 1000.0)]
    gospa_c: f64,
    /// GOSPA order p.
    #[arg(long, default_value_t = 1.0)]
    gospa_p: f64,
    /// Frames before this one are left out of the means.
    #[arg(long, default_value_t = 10)]
    warmup: u64,
}

/// Arguments of `kizuna validate`.
#[derive(Debug, clap::Args)]
struct ValidateArgs {
    /// Scenario file (TOML).
    scenario: PathBuf,
    /// `text`: one `file:line:col: error: …` line per problem on stderr; `json`: one object
    /// on stdout (`valid`, `total`, `shown`, `problems` with line, col, key_path, kind,
    /// message, help, related).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Print at most this many problems (then how many more there are).
    #[arg(long, default_value_t = commands::MAX_PROBLEMS_SHOWN,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    max_problems: u32,
}

/// Output format of `kizuna validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Compiler-style lines.
    Text,
    /// One JSON object.
    Json,
}

/// Arguments of `kizuna bench`.
#[derive(Debug, clap::Args)]
struct BenchArgs {
    /// Scenario file or built-in name (default: the built-in default).
    scenario: Option<String>,
    /// Timed repetitions of build + run (the median is reported), 1 to 1000.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=1000))]
    runs: u32,
    /// Truth-state queries to time, 1 to 10^9.
    #[arg(long, default_value_t = 1_000_000,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000_000))]
    queries: u32,
}

#[derive(Debug, Subcommand)]
enum ScenarioCommand {
    /// List the built-in scenarios.
    #[command(after_help = "Example:\n  kizuna scenario list")]
    List,
    /// Print a built-in scenario as TOML (default: the default scenario).
    #[command(after_help = "Example:\n  kizuna scenario show western-pacific > wp.toml")]
    Show {
        /// Built-in scenario name (see `kizuna scenario list`).
        name: Option<String>,
    },
}

/// Arguments of `kizuna run`.
#[derive(Debug, clap::Args)]
struct RunArgs {
    /// Scenario file, or the name of a built-in scenario (default: the built-in default).
    scenario: Option<String>,
    /// Master seed (overrides the scenario's seed).
    #[arg(long)]
    seed: Option<u64>,
    /// Output directory.
    #[arg(long, default_value = DEFAULT_OUT)]
    out: PathBuf,
    /// Stop after this many simulated seconds.
    #[arg(long, value_name = "SECONDS")]
    until: Option<f64>,
    /// Replace an existing non-empty output directory of an earlier run (whole).
    #[arg(long)]
    force: bool,
    /// No progress bar and no summary table.
    #[arg(long, short)]
    quiet: bool,
}

/// Where `kizuna run` writes unless told otherwise.
const DEFAULT_OUT: &str = "out";

fn main() -> ExitCode {
    if let Some(first) = std::env::args().nth(1) {
        let command = Cli::command();
        let mut names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
        names.push("help");
        if let Some(msg) = typo::unknown_first_word(&first, &names) {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    }
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Run(cli.run)) {
        Command::Run(args) => commands::run(&args),
        Command::Validate(args) => commands::validate(&args),
        Command::Scenario(ScenarioCommand::List) => commands::scenario_list(),
        Command::Scenario(ScenarioCommand::Show { name }) => {
            commands::scenario_show(name.as_deref())
        }
        Command::Schema => commands::schema(),
        Command::Bench(args) => bench::bench(&args),
        Command::Track(args) => track::track(&args),
        Command::GenBench(args) => gen_bench::gen_bench(&args),
        Command::GenWta(args) => gen_wta::gen_wta(&args),
        Command::Wta(args) => wta::wta(&args),
        Command::Mc(args) => study::mc(&args),
        Command::Compare(args) => study::compare(&args),
        Command::Sweep(args) => study::sweep(&args),
        Command::Merge(args) => study::merge(&args),
        Command::Audit(args) => auditing::audit(&args),
        Command::Asterix(command) => asterix_cmd::asterix(&command),
        Command::Sensors { scenario, json } => coverage::sensors(scenario.as_deref(), json),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
