//! Tidy checks: every Rust file documents itself, ARCHITECTURE.md maps every crate, crate
//! dependencies point down the layer order, no `#[ignore]`d tests, no hash maps in the engine,
//! one version everywhere (every crate, CITATION.cff and CHANGELOG.md take the workspace's).

use std::path::{Path, PathBuf};

/// Layer of each crate (STYLE.md §2). Edges must point to a strictly lower layer, except the
/// same-layer edges listed in [`SAME_LAYER_EDGES`].
const LAYERS: &[(&str, u8)] = &[
    ("base", 0),
    ("assignment", 0),
    ("asterix", 0),
    ("geodesy", 1),
    ("picture", 2),
    ("metrics", 2),
    ("dynamics", 3),
    ("sensors", 3),
    ("tracking", 3),
    ("network", 3),
    ("fusion", 4),
    ("c2", 4),
    ("engagement", 4),
    ("sim", 5),
    ("scenario", 6),
    ("report", 6),
    ("audit", 6),
    ("cli", 7),
    ("web", 7),
    ("testkit", 8),
];

/// Same-layer edges allowed by an ARCHITECTURE.md invariant entry.
const SAME_LAYER_EDGES: &[(&str, &str)] = &[
    ("sensors", "dynamics"),
    ("fusion", "tracking"),
    ("engagement", "dynamics"),
    // Dev-dependency only: report tests render real runs of the built-in scenarios.
    ("report", "scenario"),
    // The audit reads a run's scenario.toml with the same validating parser a run starts from.
    ("audit", "scenario"),
];

/// Crates that may use `HashMap`/`HashSet` (edges that never feed the engine's order).
const HASH_OK: &[&str] = &["cli", "web", "xtask"];

pub(crate) fn check(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let crates_dir = root.join("crates");
    let mut crates: Vec<String> = std::fs::read_dir(&crates_dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().join("Cargo.toml").exists())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    crates.sort();
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap_or_default();
    for name in &crates {
        if !architecture.contains(&format!("### `crates/{name}`")) {
            problems.push(format!(
                "ARCHITECTURE.md has no `### \\`crates/{name}\\`` section"
            ));
        }
        check_dependencies(&crates_dir.join(name), name, &crates, &mut problems);
        for file in rust_files(&crates_dir.join(name)) {
            check_file(&file, name, &mut problems);
        }
    }
    for file in rust_files(&root.join("xtask")) {
        check_file(&file, "xtask", &mut problems);
    }
    check_version(root, &crates, &mut problems);
    problems
}

/// One version: the workspace's, inherited by every crate and quoted by CITATION.cff and a
/// CHANGELOG.md heading (`kizuna --version`, summaries and reports read it through
/// `sim::ENGINE_VERSION`).
fn check_version(root: &Path, crates: &[String], problems: &mut Vec<String>) {
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    let manifest = read(&root.join("Cargo.toml"))
        .parse::<toml::Table>()
        .unwrap_or_default();
    let Some(version) = manifest
        .get("workspace")
        .and_then(|w| w.get("package"))
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
    else {
        problems.push("Cargo.toml: no [workspace.package] version".to_owned());
        return;
    };
    let members = crates
        .iter()
        .map(|c| root.join("crates").join(c))
        .chain([root.join("xtask")]);
    for dir in members {
        let text = read(&dir.join("Cargo.toml"));
        let inherits = text.parse::<toml::Table>().ok().and_then(|t| {
            t.get("package")?
                .get("version")?
                .get("workspace")?
                .as_bool()
        }) == Some(true);
        if !inherits {
            problems.push(format!(
                "{}/Cargo.toml: use `version.workspace = true` (one version everywhere)",
                dir.display()
            ));
        }
    }
    let citation = read(&root.join("CITATION.cff"));
    if !citation.contains(&format!("version: \"{version}\"")) {
        problems.push(format!(
            "CITATION.cff: `version: \"{version}\"` expected (the workspace version)"
        ));
    }
    let changelog = read(&root.join("CHANGELOG.md"));
    if !changelog.contains(&format!("## [{version}]")) {
        problems.push(format!(
            "CHANGELOG.md: no `## [{version}]` section for the workspace version"
        ));
    }
}

fn layer(name: &str) -> Option<u8> {
    LAYERS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l)
}

fn check_dependencies(dir: &Path, name: &str, crates: &[String], problems: &mut Vec<String>) {
    let Some(own) = layer(name) else {
        problems.push(format!(
            "crates/{name}: not in tidy's layer table (xtask/src/tidy.rs)"
        ));
        return;
    };
    let text = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
    let Ok(manifest) = text.parse::<toml::Table>() else {
        problems.push(format!("crates/{name}/Cargo.toml does not parse"));
        return;
    };
    for section in ["dependencies", "dev-dependencies"] {
        let Some(deps) = manifest.get(section).and_then(|d| d.as_table()) else {
            continue;
        };
        for dep in deps.keys().filter(|d| crates.contains(d)) {
            let Some(theirs) = layer(dep) else { continue };
            let allowed = theirs < own
                || SAME_LAYER_EDGES.contains(&(name, dep.as_str()))
                || (section == "dev-dependencies" && dep == "testkit");
            if !allowed {
                problems.push(format!(
                    "crates/{name} (layer {own}) depends on {dep} (layer {theirs}): edges point down"
                ));
            }
        }
    }
}

fn check_file(file: &Path, krate: &str, problems: &mut Vec<String>) {
    let Ok(text) = std::fs::read_to_string(file) else {
        return;
    };
    let shown = file.display();
    if !text.trim_start().starts_with("//!") {
        problems.push(format!("{shown}: does not start with a `//!` doc comment"));
    }
    for (i, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        if code.starts_with("#[ignore") {
            problems.push(format!(
                "{shown}:{}: #[ignore] (assert today's behaviour instead)",
                i + 1
            ));
        }
        let hashes = code.contains("HashMap") || code.contains("HashSet");
        if hashes && !HASH_OK.contains(&krate) && !code.contains("disallowed") {
            problems.push(format!(
                "{shown}:{}: HashMap/HashSet in the engine (use BTreeMap)",
                i + 1
            ));
        }
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.filter_map(|e| e.ok()) {
            let p = e.path();
            let skip = p
                .file_name()
                .is_some_and(|n| n == "target" || n == "fuzz" && p.join("target").exists());
            if skip {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
