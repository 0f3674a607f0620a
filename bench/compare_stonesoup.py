#!/usr/bin/env python3
"""Kizuna's tracker vs Stone Soup on the same `iamd-bench/1` files, scored by the same code.

For each target count N (default 10, 100, 1000) this:
  1. generates a scenario with `kizuna gen-bench` (the same files as the shared Python generator:
     N targets, Poisson clutter with mean N per frame, Pd 0.9, 100 frames, seed 42, the
     configuration of ../shared/bench/README.md);
  2. runs Stone Soup's stock tracker (`run_stonesoup.py --algo gnn`, or `gnn-kdtree` under a CPU
     time budget at N = 1000 where plain GNN does not finish) and keeps its summary;
  3. runs `kizuna track` (release build) on the same files;
  4. scores Kizuna's tracks with `run_stonesoup.py --score-only` — Stone Soup's own GOSPA code;
  5. prints a table: time per frame of each, the speed ratio, GOSPA of each (mean over frames
     >= the warm-up, c = 1000 m, p = 1, alpha = 2).

Stone Soup's side needs its runner from the shared bench folder (`--shared`, default
../shared/bench relative to the repository) and a Python with stonesoup==1.9.1 (`--python`;
e.g. `python3 -m venv /tmp/ss && /tmp/ss/bin/pip install stonesoup==1.9.1`). From a plain clone
(no shared folder) only Kizuna's side runs, next to Stone Soup's published reference numbers.
Results go to `--work` (default target/bench-ss). This is a benchmark, not a test: it never
runs in `cargo test`.
"""

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, **kw):
    print("+", " ".join(cmd), file=sys.stderr, flush=True)
    return subprocess.run(cmd, check=True, **kw)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "bench"))
    ap.add_argument("--python", default=sys.executable, help="a Python with stonesoup 1.9.1")
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "bench-ss"))
    ap.add_argument("--n", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--frames", type=int, default=100)
    ap.add_argument("--associator", default="gnn-mahalanobis",
                    choices=["gnn-mahalanobis", "gnn", "jpda"],
                    help="Kizuna's associator; gnn-mahalanobis uses Stone Soup's GNN costs")
    ap.add_argument("--ss-budget", type=float, default=600.0, help="Stone Soup CPU seconds per case")
    args = ap.parse_args()

    ss = os.path.join(args.shared, "run_stonesoup.py")
    run(["cargo", "build", "--release", "-q", "-p", "cli"], cwd=ROOT)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    kizuna = os.path.join(target, "release", "kizuna")
    if not os.path.exists(ss):
        kizuna_only(args, kizuna)
        return
    rows = []
    for n in args.n:
        case = os.path.join(args.work, f"n{n}")
        os.makedirs(case, exist_ok=True)
        meas, truth = os.path.join(case, "measurements.jsonl"), os.path.join(case, "truth.jsonl")
        if not os.path.exists(meas):
            generate(kizuna, n, args.frames, case)
        ss_base = "jpda" if args.associator == "jpda" else "gnn"
        algo = ss_base if n <= 100 else f"{ss_base}-kdtree"
        ss_out = os.path.join(case, "stonesoup")
        ss_summary = os.path.join(ss_out, f"summary_{algo}.json")
        if not os.path.exists(ss_summary):
            run([args.python, ss, "--meas", meas, "--truth", truth, "--out", ss_out, "--algo", algo,
                 "--time-budget", str(args.ss_budget), "--no-cov"], stdout=subprocess.DEVNULL)
        with open(ss_summary) as f:
            s = json.load(f)
        kz_out = os.path.join(case, "kizuna")
        run([kizuna, "track", "--measurements", meas, "--truth", truth, "--associator",
             args.associator, "--out", kz_out], stdout=subprocess.DEVNULL)
        with open(os.path.join(kz_out, "metrics.json")) as f:
            k = json.load(f)
        scored = os.path.join(kz_out, "scored")
        tracks_file = os.path.join(kz_out, "tracks.jsonl")
        if not s["completed"]:
            # Score the same frames Stone Soup finished, so the GOSPA means compare.
            cut = os.path.join(kz_out, f"tracks_first{s['frames_processed']}.jsonl")
            with open(tracks_file) as src, open(cut, "w") as dst:
                for i, line in enumerate(src):
                    if i <= s["frames_processed"]:
                        dst.write(line)
            tracks_file = cut
        run([args.python, ss, "--meas", meas, "--truth", truth, "--out", scored,
             "--score-only", tracks_file], stdout=subprocess.DEVNULL)
        with open(os.path.join(scored, "summary_scored.json")) as f:
            ks = json.load(f)
        rows.append({
            "n": n, "ss_algo": algo, "ss_frames": s["frames_processed"],
            "ss_completed": s["completed"],
            # CPU time of the tracker step, as in ../shared/bench/README.md.
            "ss_ms": s["cpu_ms_per_frame_mean"],
            "kz_ms": k["ms_per_frame_mean"],
            "ss_gospa": s["gospa"]["mean_after_warmup"],
            "kz_gospa_ss": ks["gospa"]["mean_after_warmup"],
            "kz_gospa_own": k["gospa_mean"],
        })
    print(f"{'N':>5} {'Stone Soup':>14} {'ms/frame':>10} {'Kizuna ms':>10} {'speed-up':>9} "
          f"{'SS GOSPA':>10} {'KZ GOSPA':>10} {'KZ (own)':>10}")
    print("      (GOSPA: mean over frames >= warm-up that both processed, Stone Soup's metric code;"
          " 'own' = Kizuna's metrics over all frames)")
    for r in rows:
        ratio = r["ss_ms"] / r["kz_ms"] if r["kz_ms"] else float("inf")
        note = "" if r["ss_completed"] else f"  (Stone Soup stopped after {r['ss_frames']} frames)"
        print(f"{r['n']:>5} {r['ss_algo']:>14} {r['ss_ms']:>10.2f} {r['kz_ms']:>10.3f} {ratio:>8.0f}x "
              f"{r['ss_gospa']:>10.1f} {r['kz_gospa_ss']:>10.1f} {r['kz_gospa_own']:>10.1f}{note}")
    with open(os.path.join(args.work, "comparison.json"), "w") as f:
        json.dump(rows, f, indent=1)


def generate(kizuna, n, frames, case):
    run([kizuna, "gen-bench", "-n", str(n), "-s", str(frames), "-c", str(n), "--pd", "0.9",
         "--seed", "42", "-o", case], stdout=subprocess.DEVNULL)


# Stone Soup 1.9.1 on this configuration (../shared/bench/README.md: 2-core machine, CPU time of
# the tracker step; mean GOSPA over frames >= 10).
STONE_SOUP_REFERENCE = {10: (86.0, 138.8), 100: (2718.0, 1933.0)}


def kizuna_only(args, kizuna):
    print(f"no Stone Soup runner in {args.shared} "
          "(pass --shared); running Kizuna's side only", file=sys.stderr)
    print(f"{'N':>5} {'Kizuna ms':>10} {'KZ GOSPA':>10} {'SS ms (ref)':>12} {'SS GOSPA (ref)':>15}")
    for n in args.n:
        case = os.path.join(args.work, f"n{n}")
        os.makedirs(case, exist_ok=True)
        meas, truth = os.path.join(case, "measurements.jsonl"), os.path.join(case, "truth.jsonl")
        if not os.path.exists(meas):
            generate(kizuna, n, args.frames, case)
        kz_out = os.path.join(case, "kizuna")
        run([kizuna, "track", "--measurements", meas, "--truth", truth, "--associator",
             args.associator, "--out", kz_out], stdout=subprocess.DEVNULL)
        with open(os.path.join(kz_out, "metrics.json")) as f:
            k = json.load(f)
        ref = STONE_SOUP_REFERENCE.get(n) if args.frames == 100 else None
        ss_ms, ss_g = (f"{ref[0]:.0f}", f"{ref[1]:.1f}") if ref else ("-", "-")
        print(f"{n:>5} {k['ms_per_frame_mean']:>10.3f} {k['gospa_mean']:>10.1f} {ss_ms:>12} {ss_g:>15}")


if __name__ == "__main__":
    main()
