#!/usr/bin/env python3
"""Writes the audit's hand-made run directories (tests/runs/<case>/).

Each directory is a small run as `kizuna run` would write it (scenario.toml, events.jsonl,
truth.csv, tracks.csv) built by hand: a clean run, and one run per violation kind holding that
kind only. The geometry is laid out in east-north-up metres around the asset "City"
(35.0 N, 139.0 E) and converted to WGS-84 here, so every number in the files can be traced to
the plan below. Standard library only; run it from anywhere:

    python3 crates/audit/tests/runs/make_runs.py

Plan (times in seconds):
- SRBM-k descends along east x_k, north 120 km - v(t - t0_k), up 120 km - v(t - t0_k) with
  v = 1 km/s, impacting at t0_k + 120: SRBM-1 x=0 t0=0, SRBM-2 x=+10 km t0=10, SRBM-3
  x=-10 km t0=20.
- CIV (neutral airliner) flies east at 240 m/s, 5 km north, 11 km up, from x = -30 km at t=0.
- SHIP (friendly) steams east at 10 m/s from 36.0 N 136.0 E.
- Node CMD's picture: track 1 on SRBM-1, 2 on SRBM-2, 3 on CIV, 4 on SRBM-3 (small offsets,
  sigma 150-250 m); some cases add tracks.
- Fire units (scenario.toml): FU-A at City (terminal: 3-40 km, 0.05-25 km, 1500 m/s after a
  4 s boost), FU-B 0.1 deg east, FU-SHIP on SHIP (exo: 50-1200 km, 100-1000 km, 3000 m/s after
  10 s); [c2] salvo = 2.
"""

import json
import math
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

# WGS-84
A = 6378137.0
F = 1 / 298.257223563
E2 = F * (2 - F)

ORIGIN = (35.0, 139.0, 0.0)
SITE_B = (35.0, 139.1, 0.0)
END = 160
# Truth and track sample period, s (scenario.toml's truth_sample_s).
STEP = 2


def lla_to_ecef(lat_deg, lon_deg, alt_m):
    lat, lon = math.radians(lat_deg), math.radians(lon_deg)
    n = A / math.sqrt(1 - E2 * math.sin(lat) ** 2)
    return (
        (n + alt_m) * math.cos(lat) * math.cos(lon),
        (n + alt_m) * math.cos(lat) * math.sin(lon),
        (n * (1 - E2) + alt_m) * math.sin(lat),
    )


def ecef_to_lla(x, y, z):
    lon = math.atan2(y, x)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - E2))
    for _ in range(10):
        n = A / math.sqrt(1 - E2 * math.sin(lat) ** 2)
        alt = p / math.cos(lat) - n
        lat = math.atan2(z, p * (1 - E2 * n / (n + alt)))
    n = A / math.sqrt(1 - E2 * math.sin(lat) ** 2)
    alt = p / math.cos(lat) - n
    return math.degrees(lat), math.degrees(lon), alt


def enu_to_ecef(e, n, u, origin=ORIGIN):
    lat, lon = math.radians(origin[0]), math.radians(origin[1])
    x0, y0, z0 = lla_to_ecef(*origin)
    sl, cl, so, co = math.sin(lat), math.cos(lat), math.sin(lon), math.cos(lon)
    return (
        x0 - so * e - sl * co * n + cl * co * u,
        y0 + co * e - sl * so * n + cl * so * u,
        z0 + cl * n + sl * u,
    )


def enu_vel_to_ecef(e, n, u, origin=ORIGIN):
    x0, y0, z0 = enu_to_ecef(0, 0, 0, origin)
    x, y, z = enu_to_ecef(e, n, u, origin)
    return (x - x0, y - y0, z - z0)


def srbm(k):
    x, t0 = {1: (0.0, 0), 2: (10000.0, 10), 3: (-10000.0, 20)}[k]

    def at(t):
        d = 120000.0 - 1000.0 * (t - t0)
        return (x, d, d)

    return at, t0, t0 + 120


def civ(t):
    return (-30000.0 + 240.0 * t, 5000.0, 11000.0)


SRBM_VEL = (0.0, -1000.0, -1000.0)
CIV_VEL = (240.0, 0.0, 0.0)


def ship_lla(t):
    return (36.0, 136.0 + 10.0 * t / (111320.0 * math.cos(math.radians(36.0))), 0.0)


class Run:
    """One run directory being written."""

    def __init__(self, name):
        self.name = name
        self.events = []
        self.truth = []  # (t, row)
        self.tracks = []
        self.kills = {}  # object -> kill time
        self.impacts = {}

    def event(self, t, kind, **fields):
        self.events.append((t, len(self.events), dict(t_ns=int(round(t * 1e9)), t_s=float(t), kind=kind, **fields)))

    def decision(self, t, unit, track, decision, reason):
        self.event(t, "engagement_decision", fire_unit=unit, track=track, decision=decision, reason=reason)

    def shot(self, eng, unit, interceptor, track, t_launch, t_intercept, point_enu, obj=None, killed=False, wrong=None, origin=ORIGIN):
        self.event(t_launch, "interceptor_launch", fire_unit=unit, engagement=eng, track=track,
                   interceptor=interceptor, on_remote=False, self_defence=False, planned_pk=0.5,
                   intercept_t_s=float(t_intercept))
        lat, lon, alt = ecef_to_lla(*enu_to_ecef(*point_enu, origin=origin))
        fields = dict(fire_unit=unit, engagement=eng, track=track, object=obj,
                      side=None if obj is None else ("neutral" if obj == "CIV" else "hostile"),
                      miss_m=None if obj is None else 20.0, killed=killed,
                      lat_deg=lat, lon_deg=lon, alt_m=alt)
        if wrong is not None:
            fields["wrong_object"] = wrong
        self.event(t_intercept, "intercept", **fields)
        if killed:
            self.kills[obj] = t_intercept

    def write(self):
        kinds = {"SRBM-1": "srbm", "SRBM-2": "srbm", "SRBM-3": "srbm", "CIV": "airliner", "SHIP": "ship"}
        ids = {"SHIP": 2, "SRBM-1": 3, "SRBM-2": 4, "SRBM-3": 5, "CIV": 6}
        sides = {"SHIP": "friendly", "CIV": "neutral"}
        truth = []
        paths = {f"SRBM-{k}": srbm(k) for k in (1, 2, 3)}
        for name, (at, t0, impact) in paths.items():
            end = self.kills.get(name, impact)
            if name not in self.kills:
                self.impacts[name] = impact
            for t in range(t0, int(end) + 1, STEP):
                truth.append((t, name, enu_to_ecef(*at(t)), enu_vel_to_ecef(*SRBM_VEL)))
        civ_end = self.kills.get("CIV", END)
        for t in range(0, int(civ_end) + 1, STEP):
            truth.append((t, "CIV", enu_to_ecef(*civ(t)), enu_vel_to_ecef(*CIV_VEL)))
        for t in range(0, END + 1, STEP):
            here = lla_to_ecef(*ship_lla(t))
            ahead = lla_to_ecef(*ship_lla(t + 1))
            truth.append((t, "SHIP", here, tuple(b - a for a, b in zip(here, ahead))))
        for name, t in sorted(self.impacts.items()):
            lat, lon, _ = ecef_to_lla(*enu_to_ecef(*paths[name][0](t)))
            self.event(t, "impact", object_id=ids[name], object=name, object_kind="srbm",
                       lat_deg=lat, lon_deg=lon, asset="City", asset_distance_m=1000.0)
        truth.sort(key=lambda r: (r[0], ids[r[1]]))
        out = os.path.join(HERE, self.name)
        os.makedirs(out, exist_ok=True)
        shutil.copyfile(os.path.join(HERE, "scenario.toml"), os.path.join(out, "scenario.toml"))
        with open(os.path.join(out, "truth.csv"), "w") as f:
            f.write("t_s,object_id,object,kind,side,nation,lat_deg,lon_deg,alt_m,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps,speed_mps\n")
            for t, name, p, v in truth:
                lat, lon, alt = ecef_to_lla(*p)
                side = sides.get(name, "hostile")
                nation = "JPN" if name == "SHIP" else ""
                f.write(",".join(map(str, [float(t), ids[name], name, kinds[name], side, nation, lat, lon, alt,
                                           *p, *v, math.sqrt(sum(c * c for c in v))])) + "\n")
        with open(os.path.join(out, "tracks.csv"), "w") as f:
            f.write("t_s,node,layer,track,quality,lat_deg,lon_deg,alt_m,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps,sigma_pos_m,last_update_s,mode_probabilities\n")
            for t, track, p, sigma in sorted(self.tracks, key=lambda r: (r[0], r[1])):
                lat, lon, alt = ecef_to_lla(*p)
                f.write(",".join(map(str, [float(t), "CMD", "picture", track, 9, lat, lon, alt, *p, 0.0, 0.0, 0.0,
                                           sigma, float(t), ""])) + "\n")
        events = [(0, -1, dict(t_ns=0, t_s=0.0, kind="scenario_start", scenario="audit-hand-made", seed=1,
                                start_utc="2027-07-15T00:00:00Z"))]
        events += self.events
        events.sort(key=lambda e: (e[0], e[1]))
        events.append((END, len(events), dict(t_ns=END * 10**9, t_s=float(END), kind="scenario_end", n_events=len(events))))
        with open(os.path.join(out, "events.jsonl"), "w") as f:
            for _, _, e in events:
                f.write(json.dumps(e, separators=(",", ":")) + "\n")

    def track(self, number, path, t_from, t_to, offset, sigma, coast_to=None, vel=(0.0, 0.0, 0.0)):
        """Rows of `number` following `path` (an ENU function of t) from t_from to t_to, then
        coasting along `vel` to coast_to."""
        for t in range(t_from - t_from % STEP, t_to + 1, STEP):
            e, n, u = path(t)
            self.tracks.append((t, number, enu_to_ecef(e + offset[0], n + offset[1], u + offset[2]), sigma))
        if coast_to is not None:
            last = t_to - t_to % STEP
            e, n, u = path(last)
            for t in range(last + STEP, coast_to + 1, STEP):
                dt = t - last
                self.tracks.append((t, number, enu_to_ecef(e + offset[0] + vel[0] * dt, n + offset[1] + vel[1] * dt,
                                                           u + offset[2] + vel[2] * dt), sigma))


def base(name, srbm1_end=105, srbm2_end=112, civ_end=END, srbm3_end=140):
    """The picture every case shares (tracks end when their object does, plus a short coast)."""
    r = Run(name)
    r.track(1, srbm(1)[0], 5, srbm1_end, (150.0, -100.0, 80.0), 250.0, coast_to=min(srbm1_end + 10, 115), vel=SRBM_VEL)
    r.track(2, srbm(2)[0], 15, srbm2_end, (-120.0, 90.0, -60.0), 250.0, coast_to=min(srbm2_end + 8, 120), vel=SRBM_VEL)
    r.track(3, civ, 5, civ_end, (100.0, 100.0, 50.0), 150.0)
    r.track(4, srbm(3)[0], 25, srbm3_end, (80.0, 60.0, 40.0), 200.0)
    return r


def clean_engagements(r):
    r.decision(80, "FU-A", 1, "permit", "permitted")
    r.decision(82, "FU-B", 2, "deny", "track_quality")
    r.decision(88, "FU-B", 2, "permit", "permitted")
    r.shot(1, "FU-A", "terminal", 1, 85, 105, (20.0, 15000.0, 15000.0), "SRBM-1", killed=True)
    # A doctrinal salvo of two on SRBM-2: overlapping, allowed.
    r.shot(2, "FU-B", "terminal", 2, 92, 112, (10020.0, 18000.0, 18000.0), "SRBM-2", killed=True)
    r.shot(3, "FU-B", "terminal", 2, 92, 112, (10000.0, 18030.0, 18000.0), "SRBM-2", killed=False)


def main():
    runs = []

    r = base("clean")
    clean_engagements(r)
    runs.append(r)

    # envelope: three misses, each outside one limit.
    r = base("envelope", srbm1_end=120, srbm2_end=130)
    # Exo intercept at 80 km (minimum 100 km), ~260 km from the ship after 100 s (profile 285 km).
    ship = ship_lla(10)
    r.shot(1, "FU-SHIP", "exo", 1, 10, 110, (0.0, 0.0, 80000.0), origin=(ship[0] - 0.5, ship[1] + 2.5, 0.0))
    # Terminal intercept 51 km from FU-A (maximum 40 km) after 40 s (profile 57 km).
    r.shot(2, "FU-A", "terminal", 2, 40, 80, (0.0, 49000.0, 10000.0))
    # Terminal intercept 20 km from FU-B after 10 s: the profile flies 12 km.
    r.shot(3, "FU-B", "terminal", 4, 70, 80, (0.0, 17000.0, 10000.0), origin=SITE_B)
    runs.append(r)

    # dead_or_impacted_target: a launch at SRBM-1 after it was killed, one at SRBM-3 after impact.
    r = base("dead_or_impacted_target")
    clean_engagements(r)
    r.shot(4, "FU-B", "terminal", 1, 110, 125, (0.0, 10000.0, 5000.0), origin=SITE_B)
    r.tracks = [row for row in r.tracks if row[1] != 4]
    r.track(4, srbm(3)[0], 25, 140, (80.0, 60.0, 40.0), 200.0, coast_to=150, vel=(0.0, 0.0, 0.0))
    r.shot(5, "FU-A", "terminal", 4, 145, 155, (0.0, 8000.0, 3000.0))
    runs.append(r)

    # late_shot: launch at SRBM-3 at 125 planning an intercept at 145; it impacts at 140.
    r = base("late_shot")
    clean_engagements(r)
    r.shot(4, "FU-A", "terminal", 4, 125, 145, (0.0, 8000.0, 3000.0))
    runs.append(r)

    # overlap: FU-B fires on a dual track (5) of SRBM-1 while FU-A's round is in flight.
    r = base("overlap")
    clean_engagements(r)
    r.track(5, srbm(1)[0], 60, 105, (-300.0, 200.0, -100.0), 300.0)
    r.shot(4, "FU-B", "terminal", 5, 90, 108, (0.0, 12000.0, 12000.0))
    runs.append(r)

    # wrong_object: a round on track 1 (SRBM-1) kills SRBM-2; a declared one on track 4
    # (SRBM-3) kills SRBM-1.
    r = base("wrong_object", srbm1_end=115, srbm2_end=107)
    r.decision(78, "FU-A", 1, "permit", "permitted")
    r.shot(1, "FU-A", "terminal", 1, 80, 107, (10030.0, 23000.0, 23000.0), "SRBM-2", killed=True)
    r.shot(2, "FU-B", "terminal", 4, 100, 115, (0.0, 5000.0, 5000.0), "SRBM-1", killed=True,
           wrong="seeker_acquired_nearer_object")
    runs.append(r)

    # underground_track: a ghost track 5 km below the ellipsoid; track 4 dips 400 m under at
    # impact, inside its 3 sigma (600 m), which is allowed.
    r = base("underground_track")
    clean_engagements(r)
    r.track(6, lambda t: (0.0, 0.0, -5000.0), 50, 60, (0.0, 0.0, 0.0), 300.0)
    r.tracks = [row for row in r.tracks if not (row[1] == 4 and row[0] == 140)]
    e, n, u = srbm(3)[0](140)
    r.tracks.append((140, 4, enu_to_ecef(e, n, u - 400.0), 200.0))
    runs.append(r)

    # fratricide: FU-A launches at the airliner's track and kills it.
    r = base("fratricide", civ_end=110)
    clean_engagements(r)
    r.shot(4, "FU-A", "terminal", 3, 98, 110, civ(110), "CIV", killed=True)
    runs.append(r)

    # denied_without_reason: an empty reason, an unknown reason, an unknown decision.
    r = base("denied_without_reason")
    clean_engagements(r)
    r.decision(90, "FU-A", 4, "deny", "")
    r.decision(92, "FU-B", 4, "deny", "because")
    r.decision(94, "FU-A", 3, "maybe", "permitted")
    runs.append(r)

    for r in runs:
        r.write()


if __name__ == "__main__":
    main()
