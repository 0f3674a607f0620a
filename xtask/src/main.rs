//! `cargo run -p xtask -- tidy`: repository hygiene checks (also run by `cargo test`).

#![allow(clippy::print_stdout)]

mod tidy;

use std::process::ExitCode;

fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        Some("tidy") => {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
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
        _ => {
            eprintln!("usage: cargo run -p xtask -- tidy");
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
