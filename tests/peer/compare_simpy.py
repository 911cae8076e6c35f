#!/usr/bin/python3
"""mamar against a SimPy peer: the same model must give the same clearance times.

    compare_simpy.py --mamar-reference BUILD/bench/peer/mamar_reference
                     [--floor-reference BUILD/bench/peer/floor_reference] [--scenario YAML]
                     [--replications R] [--seed S]

1. Deterministic variants. Every distribution of the scenario is replaced by a fixed value (odd
   values, so that no two events tie), and both simulators must give the SAME course: every
   unloading at the destination, its time to the millisecond and its people, in the same order
   (mamar_reference --deliveries against the SimPy model's), and so the same clearance time: a
   check of the shared semantics event by event (bay, boarding per person, leg per trip, FIFO
   checkpoint queues with lanes shared by both directions, unloading per person, the way back).
   One variant is uncongested, one makes checkpoint 1 a bottleneck and one makes the bay a
   bottleneck. The floor program (below) is held to the clearance time.
2. The stochastic model. R replications of each; the two samples of clearance times must not be
   told apart: two-sample Kolmogorov-Smirnov (asymptotic p-value) p > 0.01 and Welch's t-test on
   the means p > 0.01.

With --floor-reference, the model written by hand in C++ (bench/peer/floor_reference.cpp, timed
beside the two by run_peer_bench.sh) is held to the same checks against SimPy: a benchmark of a
program that simulated another model would say nothing.

Exit 0 on success, 1 on a failed check, 77 (ctest SKIP_RETURN_CODE) when SimPy or PyYAML is
missing from this interpreter (Debian: python3-simpy, python3-yaml, for /usr/bin/python3).
"""

import argparse
import copy
import math
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "bench", "peer"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

try:
    import yaml
    import reference_model  # needs SimPy 2
except (ImportError, SystemExit) as e:  # reference_model exits with a message when SimPy is missing
    print(f"SKIP: {e}", file=sys.stderr)
    sys.exit(77)

ALPHA = 0.01

# --- statistics (written here: no SciPy) ------------------------------------------------------


def kolmogorov_q(lam):
    """Q_KS(lam) = 2 sum_{j>=1} (-1)^(j-1) exp(-2 j^2 lam^2): the asymptotic P(sqrt(n) D > lam)."""
    if lam < 1e-3:
        return 1.0
    total, sign = 0.0, 1.0
    for j in range(1, 200):
        term = sign * math.exp(-2.0 * j * j * lam * lam)
        total += term
        if abs(term) < 1e-16:
            break
        sign = -sign
    return max(0.0, min(1.0, 2.0 * total))


def ks_2samp(a, b):
    """Two-sample Kolmogorov-Smirnov: (D, asymptotic p-value).

    D = sup_x |F_a(x) - F_b(x)| over the pooled values (ties handled: both empirical CDFs step
    past every copy of a value before comparing). p = Q_KS((sqrt(ne) + 0.12 + 0.11 / sqrt(ne)) D)
    with ne = n m / (n + m): the asymptotic distribution with Stephens' small-sample correction
    (Numerical Recipes, 14.3).
    """
    a, b = sorted(a), sorted(b)
    n, m = len(a), len(b)
    i = j = 0
    d = 0.0
    while i < n and j < m:
        x = min(a[i], b[j])
        while i < n and a[i] == x:
            i += 1
        while j < m and b[j] == x:
            j += 1
        d = max(d, abs(i / n - j / m))
    ne = n * m / (n + m)
    sq = math.sqrt(ne)
    return d, kolmogorov_q((sq + 0.12 + 0.11 / sq) * d)


def _betacf(a, b, x):
    """Continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes 6.4)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 1000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def betainc(a, b, x):
    """Regularized incomplete beta I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(lbt) * _betacf(a, b, x) / a
    return 1.0 - math.exp(lbt) * _betacf(b, a, 1.0 - x) / b


def student_t_two_sided_p(t, df):
    """P(|T| >= |t|) for Student's t with df degrees of freedom: I_{df/(df+t^2)}(df/2, 1/2)."""
    return betainc(df / 2.0, 0.5, df / (df + t * t))


def mean_var(x):
    n = len(x)
    m = sum(x) / n
    return m, sum((v - m) ** 2 for v in x) / (n - 1)


def welch(a, b):
    """Welch's unequal-variance t-test: (t, Welch-Satterthwaite df, two-sided p-value)."""
    ma, va = mean_var(a)
    mb, vb = mean_var(b)
    sa, sb = va / len(a), vb / len(b)
    t = (ma - mb) / math.sqrt(sa + sb)
    df = (sa + sb) ** 2 / (sa * sa / (len(a) - 1) + sb * sb / (len(b) - 1))
    return t, df, student_t_two_sided_p(t, df)


def self_check():
    """The statistics against published values, so that a wrong formula cannot pass silently."""
    checks = [
        (student_t_two_sided_p(2.228138851986, 10), 0.05),   # t_{0.975, 10}
        (student_t_two_sided_p(1.959963984540, 1e9), 0.05),  # normal limit
        (student_t_two_sided_p(12.7062047362, 1), 0.05),     # Cauchy
        (kolmogorov_q(1.358098), 0.05),                      # Kolmogorov 95% point
        (kolmogorov_q(1.627623), 0.01),                      # Kolmogorov 99% point
    ]
    for got, want in checks:
        if abs(got - want) > 1e-4:
            raise AssertionError(f"statistics self-check: got {got}, want {want}")
    d, p = ks_2samp([1, 2, 3], [1, 2, 3])
    assert d == 0 and p == 1.0
    d, _ = ks_2samp([1, 2, 3, 4], [5, 6, 7, 8])
    assert d == 1.0


# --- running both simulators ------------------------------------------------------------------


def run_driver(driver, scenario, replications, seed):
    """The clearance times printed by mamar_reference or floor_reference."""
    out = subprocess.run([driver, scenario, "--replications", str(replications), "--seed", str(seed)],
                         check=True, capture_output=True, text=True).stdout
    return [float(x) for x in out.split()]


def run_driver_deliveries(driver, scenario, seed):
    """Each unloading of replication 0 that mamar_reference prints: [(hours, people)]."""
    out = subprocess.run([driver, scenario, "--seed", str(seed), "--deliveries"],
                         check=True, capture_output=True, text=True).stdout
    return [(float(h), int(n)) for h, n in (line.split() for line in out.splitlines())]


def same_deliveries(a, b):
    """Whether two lists of unloadings are the same, times within 1 ms."""
    return len(a) == len(b) and all(abs(x[0] - y[0]) * 3600e3 < 1.0 and x[1] == y[1] for x, y in zip(a, b))


def run_simpy(scenario, replications, seed):
    with open(scenario, encoding="utf-8") as f:
        model = reference_model.Model(yaml.safe_load(f))
    return [reference_model.replicate(model, seed, r) for r in range(replications)]


def deterministic_variant(doc, overrides):
    """The scenario with every duration distribution replaced by a fixed value."""
    d = copy.deepcopy(doc)
    places = {p["id"]: p for p in d["places"]}
    places["square"]["boarding_time"] = overrides["boarding"]
    places["camp"]["unloading_time"] = overrides["unloading"]
    places["cp1"]["inspection"] = overrides["cp1"]
    places["cp2"]["inspection"] = overrides["cp2"]
    for leg, value in zip(d["routes"][0]["legs"], overrides["legs"]):
        leg["time"] = value
    if "buses" in overrides:
        d["operations"][0]["fleet"][0]["count"] = overrides["buses"]
    return d


DETERMINISTIC = {
    "uncongested": {"boarding": "11.3 s", "unloading": "4.3 s", "cp1": "6.1 min", "cp2": "9.7 min",
                    "legs": ["14.7 min", "31.3 min", "21.9 min"]},
    "checkpoint-1 bottleneck": {"boarding": "11.3 s", "unloading": "4.3 s", "cp1": "23.9 min", "cp2": "41.3 min",
                                "legs": ["14.7 min", "31.3 min", "21.9 min"]},
    "bay bottleneck, 25 buses": {"boarding": "37.7 s", "unloading": "7.9 s", "cp1": "6.1 min", "cp2": "19.3 min",
                                 "legs": ["4.7 min", "11.3 min", "8.9 min"], "buses": 25},
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mamar-reference", required=True, help="path of the mamar_reference driver")
    ap.add_argument("--floor-reference", help="path of the floor_reference program, checked too")
    ap.add_argument("--scenario", default=os.path.join(ROOT, "bench", "peer", "reference_model.yaml"))
    ap.add_argument("--replications", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    self_check()
    failed = []
    t_start = time.perf_counter()
    drivers = [("mamar", args.mamar_reference)]
    if args.floor_reference:
        drivers.append(("floor", args.floor_reference))

    with open(args.scenario, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    with tempfile.TemporaryDirectory() as tmp:
        for name, overrides in DETERMINISTIC.items():
            path = os.path.join(tmp, "deterministic.yaml")
            with open(path, "w", encoding="utf-8") as f:
                yaml.safe_dump(deterministic_variant(doc, overrides), f, allow_unicode=True, sort_keys=False)
            s = run_simpy(path, 1, args.seed)[0]
            with open(path, encoding="utf-8") as f:
                simpy_deliveries = reference_model.deliveries(
                    reference_model.Model(yaml.safe_load(f)), args.seed, 0)
            m_deliveries = run_driver_deliveries(args.mamar_reference, path, args.seed)
            ok = same_deliveries(m_deliveries, simpy_deliveries)
            print(f"deterministic ({name}): mamar {len(m_deliveries)} unloadings, SimPy "
                  f"{len(simpy_deliveries)} -> {'the same, each' if ok else 'DIFFERENT'}")
            if not ok:
                for k, (x, y) in enumerate(zip(m_deliveries, simpy_deliveries)):
                    if not same_deliveries([x], [y]):
                        print(f"  first difference, unloading {k + 1}: mamar {x}, SimPy {y}")
                        break
                failed.append(f"deterministic {name} (mamar's unloadings)")
            for who, driver in drivers:
                m = run_driver(driver, path, 1, args.seed)[0]
                ok = abs(m - s) * 3600e3 < 1.0  # hours printed to 6 decimals: 3.6 ms
                print(f"deterministic ({name}): {who} {m:.6f} h, SimPy {s:.6f} h -> {'same' if ok else 'DIFFERENT'}")
                if not ok:
                    failed.append(f"deterministic {name} ({who})")

    r = args.replications
    t0 = time.perf_counter()
    b = run_simpy(args.scenario, r, args.seed)
    t1 = time.perf_counter()
    mb, vb = mean_var(b)
    print(f"stochastic model, {r} replications each (seed {args.seed}):")
    print(f"  SimPy: mean {mb:.4f} h, sd {math.sqrt(vb):.4f} h, min {min(b):.4f}, max {max(b):.4f}  ({t1 - t0:.2f} s)")
    for who, driver in drivers:
        t0 = time.perf_counter()
        a = run_driver(driver, args.scenario, r, args.seed)
        t1 = time.perf_counter()
        if any(math.isnan(x) for x in a):
            failed.append(f"{who} did not clear everyone within the horizon")
            a = [x for x in a if not math.isnan(x)]
        ma, va = mean_var(a)
        d, p_ks = ks_2samp(a, b)
        t, df, p_t = welch(a, b)
        print(f"  {who}: mean {ma:.4f} h, sd {math.sqrt(va):.4f} h, min {min(a):.4f}, max {max(a):.4f}  ({t1 - t0:.2f} s)")
        print(f"    against SimPy: Kolmogorov-Smirnov D = {d:.4f}, asymptotic p = {p_ks:.4f}; "
              f"Welch t = {t:+.4f}, df = {df:.1f}, p = {p_t:.4f}")
        if not p_ks > ALPHA:
            failed.append(f"{who}: KS p = {p_ks:.4g} <= {ALPHA}")
        if not p_t > ALPHA:
            failed.append(f"{who}: Welch p = {p_t:.4g} <= {ALPHA}")
    print(f"total {time.perf_counter() - t_start:.1f} s")
    if failed:
        print("FAILED: " + "; ".join(failed))
        return 1
    print(" and ".join(who for who, _ in drivers) + " agree with SimPy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
