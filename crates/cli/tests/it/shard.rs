//! `--shard K/N` and `kizuna merge`: the shards of a study, run as separate processes the way
//! a Slurm job array or a Kubernetes Indexed Job runs them (through `deploy/run-shard.sh`
//! with the scheduler's variables), merge into files byte-identical to the unsharded study;
//! and a merge that is not given exactly one study's shards says what is wrong.

use super::{kizuna, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::Command;

const FILES: [&str; 4] = ["runs.csv", "study.json", "report.html", "audit.json"];

fn deploy() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../deploy")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

/// The whole study in `dir`.
fn whole(study: &[&str], dir: &Path) {
    let mut args = study.to_vec();
    args.extend(["--quiet", "--out", path(dir)]);
    let o = kizuna(&args);
    assert!(o.status.success(), "{study:?}: {}", stderr(&o));
}

/// Shard processes started together under `scheduler`'s variables for task `k` of `n`;
/// they write `out/shard-K`.
fn shards(scheduler: &str, n: u32, study: &[&str], out: &Path) {
    let children: Vec<_> = (1..=n)
        .map(|k| {
            let mut c = Command::new("sh");
            c.arg(deploy().join("run-shard.sh"))
                .arg(out)
                .args(study)
                .env("KIZUNA", env!("CARGO_BIN_EXE_kizuna"))
                .env_remove("SLURM_ARRAY_TASK_ID")
                .env_remove("JOB_COMPLETION_INDEX");
            match scheduler {
                // An array submitted as --array=5-(4+n): task ids need not start at 1.
                "slurm" => c
                    .env("SLURM_ARRAY_TASK_ID", (4 + k).to_string())
                    .env("SLURM_ARRAY_TASK_MIN", "5")
                    .env("SLURM_ARRAY_TASK_COUNT", n.to_string()),
                _ => c
                    .env("JOB_COMPLETION_INDEX", (k - 1).to_string())
                    .env("KIZUNA_SHARDS", n.to_string()),
            };
            c.spawn().expect("sh runs")
        })
        .collect();
    for child in children {
        let o = child.wait_with_output().expect("shard finishes");
        assert!(o.status.success(), "{scheduler} shard failed");
    }
}

fn merge(parts: &[PathBuf], out: &Path) -> std::process::Output {
    let mut args = vec!["merge".to_owned()];
    args.extend(parts.iter().map(|p| path(p).to_owned()));
    args.extend(["--quiet".into(), "--out".into(), path(out).to_owned()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    kizuna(&args)
}

fn assert_identical(a: &Path, b: &Path, what: &str) {
    for f in FILES {
        let (x, y) = (a.join(f), b.join(f));
        if !x.exists() {
            assert!(!y.exists(), "{what}: {f} only in the merge");
            continue;
        }
        assert!(
            std::fs::read(&x).expect("file") == std::fs::read(&y).expect("merged file"),
            "{what}: {f} differs from the unsharded study"
        );
    }
}

#[test]
fn shards_run_as_array_and_indexed_jobs_merge_into_the_unsharded_study() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let salvo = ["two-nation-salvo", "--runs", "5", "--until", "240"];
    let studies: [(&str, Vec<&str>); 3] = [
        ("mc", [&["mc"][..], &salvo, &["--audit"]].concat()),
        (
            "compare",
            [
                &["compare"][..],
                &salvo,
                &["--variant", "national", "--variant", "allied-eor"],
            ]
            .concat(),
        ),
        (
            "sweep",
            [
                &["sweep"][..],
                &salvo,
                &["--param", "link[*].latency_ms=50,3000"],
            ]
            .concat(),
        ),
    ];
    for (i, (name, study)) in studies.iter().enumerate() {
        let root = tmp.path().join(name);
        whole(study, &root.join("whole"));
        // More shards than runs for one study: an empty shard still merges.
        let (scheduler, n) = [("slurm", 3), ("kubernetes", 2), ("slurm", 6)][i];
        let out = root.join("shards");
        shards(scheduler, n, study, &out);
        // Any order of the shards.
        let parts: Vec<PathBuf> = (1..=n)
            .rev()
            .map(|k| out.join(format!("shard-{k}")))
            .collect();
        let merged = root.join("merged");
        let o = merge(&parts, &merged);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        assert!(stdout(&o).contains("merged"), "{}", stdout(&o));
        assert_identical(&root.join("whole"), &merged, name);
    }
}

#[test]
fn a_merge_of_anything_but_one_studys_shards_is_refused_with_the_reason() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let shard = |k: &str, runs: &str, dir: &str| {
        let out = tmp.path().join(dir);
        let o = kizuna(&[
            "mc",
            "two-nation-salvo",
            "--runs",
            runs,
            "--until",
            "120",
            "--quiet",
            "--shard",
            k,
            "--out",
            path(&out),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        out
    };
    let (a, b, c) = (
        shard("1/3", "3", "a"),
        shard("2/3", "3", "b"),
        shard("3/3", "3", "c"),
    );
    let other = shard("2/3", "4", "other");
    let out = tmp.path().join("m");
    let refused = |parts: &[PathBuf], want: &str| {
        let o = merge(parts, &out);
        assert_eq!(o.status.code(), Some(2), "{want}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "want {want:?}: {}", stderr(&o));
        assert!(!out.join("study.json").exists(), "{want}: nothing written");
    };
    refused(&[a.clone(), c.clone()], "shards missing: 2/3");
    refused(
        &[a.clone(), b.clone(), b.clone(), c.clone()],
        "shard 2/3 given twice",
    );
    refused(&[a.clone(), other, c.clone()], "shard of another study");
    let cut = tmp.path().join("cut.json");
    let text = std::fs::read_to_string(b.join("partial.json")).expect("partial");
    std::fs::write(&cut, &text[..text.len() / 2]).expect("write");
    refused(&[a.clone(), cut, c.clone()], "not a partial study");
    // A shard that is not K/N of at most N runs is refused before anything runs.
    for bad in ["0/3", "4/3", "3", "a/b"] {
        let o = kizuna(&[
            "mc",
            "two-nation-salvo",
            "--shard",
            bad,
            "--out",
            path(&out),
        ]);
        assert_eq!(o.status.code(), Some(2), "--shard {bad}");
        assert!(stderr(&o).contains("K/N"), "{}", stderr(&o));
    }
    assert!(merge(&[a, b, c], &out).status.success());
}
