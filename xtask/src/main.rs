//! Repository automation: `cargo xtask tidy` (hygiene checks, also run by `cargo test`),
//! `cargo xtask test` (the README's test command: every test, then what skipped and why) and
//! `cargo xtask tutorial` (every command of docs/tutorial.md, outputs checked).

#![allow(clippy::print_stdout)]

mod test;
mod tidy;
mod tutorial;

use std::process::ExitCode;

const USAGE: &str =
    "usage: cargo xtask tidy | cargo xtask test [CARGO TEST ARGS...] | cargo xtask tutorial";

fn main() -> ExitCode {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("tidy") => {
            let problems = tidy::check(&root);
            for p in &problems {
                println!("{p}");
            }
            if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Some("test") => test::run(&root, &args[1..]),
        Some("tutorial") => tutorial::run(&root),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tidy() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let problems = crate::tidy::check(&root);
        assert!(
            problems.is_empty(),
            "tidy found problems:\n{}",
            problems.join("\n")
        );
    }
}
