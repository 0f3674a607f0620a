#!/usr/bin/env python3
"""Golden GOSPA/OSPA values from Stone Soup for crates/metrics (val_stonesoup_* tests).

Builds small deterministic truth/track position sets per time step (2D and 3D; empty sets,
tracks farther than c, more tracks than truths and vice versa, pairs at exactly c), scores
every step with Stone Soup's own GOSPAMetric.compute_gospa_metric and
OSPAMetric.compute_OSPA_distance, and writes gospa_ospa.json beside this script.

Per step it records Stone Soup's GOSPA distance, localisation, missed, false and its
truth->track assignment (-1 = none; pairs at distance >= c are unassigned, as Stone Soup
reports them), Stone Soup's OSPA, and "ospa_exact": OSPA with the assignment that minimises
sum(min(d, c)^p) (scipy linear_sum_assignment on that matrix). Stone Soup's OSPAMetric
minimises sum(min(d, c)) and then raises to p, which differs for p != 1 when the two
assignments differ; the "ospa_p_disagree" case is built so that they do.

Steps with both sets empty are not written: Stone Soup cannot score them (no timestamp).
Inputs come from random.Random(seed) (stable across Python versions) rounded to 1 mm, so the
file is reproducible.  Usage:  python3 generate.py   (see README.md for the environment)
"""

import datetime
import json
import math
import pathlib
import platform
import random

import numpy as np
import scipy
import stonesoup
from scipy.optimize import linear_sum_assignment
from stonesoup.metricgenerator.ospametric import GOSPAMetric, OSPAMetric
from stonesoup.types.array import StateVector
from stonesoup.types.state import State

EPOCH = datetime.datetime(2025, 1, 1)
PARAMS = [(1000.0, 1.0), (1000.0, 2.0), (300.0, 1.5)]


def mm(x):
    return round(x, 3)


def scene(dim, seed, n_truth, n_steps):
    """Truths on straight lines, tracks near them, then one oddity per step."""
    rng = random.Random(seed)
    starts = [[rng.uniform(0, 5000) for _ in range(dim)] for _ in range(n_truth)]
    vels = [[rng.uniform(-150, 150) for _ in range(dim)] for _ in range(n_truth)]
    steps = []
    for k in range(n_steps):
        truths = [[mm(s[i] + k * v[i]) for i in range(dim)] for s, v in zip(starts, vels)]
        tracks = [[mm(x + rng.gauss(0, 40)) for x in t] for t in truths]
        odd = k % 7
        if odd == 1:  # a false track far from everything
            tracks.append([mm(20000 + rng.uniform(0, 100)) for _ in range(dim)])
        elif odd == 2:  # a missed truth
            tracks.pop(1)
        elif odd == 3:  # a track farther than c but closer than 2c, no other near track
            tracks[0] = [mm(x + (1500 if i == 0 else 0)) for i, x in enumerate(truths[0])]
        elif odd == 4:  # more tracks than truths: duplicates near truth 2
            tracks += [[mm(x + rng.gauss(0, 80)) for x in truths[2]] for _ in range(2)]
        elif odd == 5:  # no tracks
            tracks = []
        elif odd == 6:  # no truths
            truths = []
        steps.append((truths, tracks))
    return steps


def random_sets(dim, seed, n_steps, extent):
    rng = random.Random(seed)
    steps = []
    for _ in range(n_steps):
        nt, nk = rng.randint(0, 12), rng.randint(0, 15)
        truths = [[mm(rng.uniform(0, extent)) for _ in range(dim)] for _ in range(nt)]
        tracks = [[mm(rng.uniform(0, extent)) for _ in range(dim)] for _ in range(nk)]
        if truths or tracks:
            steps.append((truths, tracks))
    return steps


def near_cutoff():
    """Distances just below, exactly at and just above c = 1000 (and 300)."""
    return [
        ([[0.0, 0.0], [5000.0, 0.0]], [[1000.0, 0.0], [5999.999, 0.0]]),
        ([[0.0, 0.0], [5000.0, 0.0]], [[1000.001, 0.0], [5300.0, 0.0]]),
        ([[0.0, 0.0]], [[600.0, 800.0], [0.0, 299.999]]),
    ]


def ospa_p_disagree(seed=7):
    """2 truths, 2 tracks where argmin sum(d) != argmin sum(d^2) (all d < 300)."""
    rng = random.Random(seed)
    while True:
        pts = [[mm(rng.uniform(0, 200)), mm(rng.uniform(0, 200))] for _ in range(4)]
        truths, tracks = pts[:2], pts[2:]
        d = np.array([[math.dist(a, b) for b in tracks] for a in truths])
        straight, crossed = (d[0, 0], d[1, 1]), (d[0, 1], d[1, 0])
        by_sum = sum(straight) < sum(crossed)
        by_sq = straight[0] ** 2 + straight[1] ** 2 < crossed[0] ** 2 + crossed[1] ** 2
        gap = abs(sum(straight) - sum(crossed))
        if by_sum != by_sq and gap > 1.0:
            return [(truths, tracks)]


def states(points):
    return [State(StateVector(p), timestamp=EPOCH) for p in points]


def score(truths, tracks, c, p):
    g, assignment = GOSPAMetric(c=c, p=p).compute_gospa_metric(states(tracks), states(truths))
    assignment = [int(a) for a in assignment] if len(assignment) else [-1] * len(truths)
    o = OSPAMetric(c=c, p=p).compute_OSPA_distance(states(tracks), states(truths)).value
    n = max(len(truths), len(tracks))
    cost = np.array([[min(math.dist(a, b), c) ** p for b in tracks] for a in truths], dtype=float)
    cost = cost.reshape(len(truths), len(tracks))
    rows, cols = linear_sum_assignment(cost)
    exact = ((cost[rows, cols].sum() + c**p * (n - len(rows))) / n) ** (1 / p)
    v = g.value
    return {
        "truths": truths,
        "tracks": tracks,
        "gospa": {k: float(v[k]) for k in ("distance", "localisation", "missed", "false")},
        "assignment": assignment,
        "ospa": float(o),
        "ospa_exact": float(exact),
    }


def main():
    sets = [
        ("scene_2d", 2, scene(2, 1, 3, 7)),
        ("scene_3d", 3, scene(3, 2, 4, 7)),
        ("random_2d", 2, random_sets(2, 3, 6, 4000)),
        ("random_3d", 3, random_sets(3, 4, 6, 3000)),
        ("near_cutoff", 2, near_cutoff()),
        ("ospa_p_disagree", 2, ospa_p_disagree()),
    ]
    cases = []
    for name, dim, steps in sets:
        for c, p in PARAMS:
            cases.append({
                "name": f"{name}_c{c:g}_p{p:g}",
                "dim": dim,
                "c": c,
                "p": p,
                "steps": [score(t, k, c, p) for t, k in steps],
            })
    out = {
        "format": "kizuna-metrics-golden/1",
        "generator": "crates/metrics/tests/reference/stonesoup/generate.py",
        "versions": {
            "stonesoup": stonesoup.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "python": platform.python_version(),
        },
        "cases": cases,
    }
    path = pathlib.Path(__file__).with_name("gospa_ospa.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path} ({sum(len(c['steps']) for c in cases)} steps)")


if __name__ == "__main__":
    main()
