#!/usr/bin/env python3
"""Checks schema/results.schema.json and results JSON against it.

Usage: check_results.py REPO_ROOT RESULTS_SAMPLE [MAMAR]

1. The schema is a valid draft-07 schema (the checks of check_schema.py: $defs, $ref siblings,
   local refs).
2. For every scenarios/**/*.yaml, RESULTS_SAMPLE writes the JSON of synthetic replications (no
   engine needed); it validates, its bands match the curve times, and a second run gives the
   same bytes.
3. Names: a linkage the scenario leaves unnamed has the name {} and validates; a name the
   scenario must give (the scenario's, an operation's, a phase's, a category's: all but a
   linkage's) is rejected when empty.
4. When MAMAR is given and has the `simulate` command, `mamar simulate --format json` on each
   scenario in scenarios/examples/ (few replications, two threads) exits 0, validates, and
   gives the same bytes with one thread.

Prints each failure, then `N passed, M failed`; exits 1 on any failure.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_schema  # noqa: E402  (same folder)

SCHEMA_REL = Path("schema") / "results.schema.json"


def semantic_problems(doc):
    """Checks the schema cannot express: array lengths that must agree."""
    problems = []
    n = len(doc["curve_times_h"])
    times = doc["curve_times_h"]
    if any(b <= a for a, b in zip(times, times[1:])):
        problems.append("curve_times_h is not increasing")

    def band(where, b):
        for k in ("p10", "median", "p90"):
            if len(b[k]) != n:
                problems.append(f"{where}.{k} has {len(b[k])} points, curve_times_h {n}")
        for i, (lo, mid, hi) in enumerate(zip(b["p10"], b["median"], b["p90"])):
            if None not in (lo, mid, hi) and not lo <= mid <= hi:
                problems.append(f"{where}[{i}]: p10 <= median <= p90 does not hold")
                break

    for i, op in enumerate(doc["operations"]):
        for k, b in op["curves"].items():
            band(f"$.operations[{i}].curves.{k}", b)
    for i, link in enumerate(doc["linkages"]):
        for j, p in enumerate(link["parity"]):
            if p["share"] is not None:  # null: the operation had nobody to move
                band(f"$.linkages[{i}].parity[{j}].share", p["share"])
    def percentiles(where, values, t100):
        # Non-decreasing, nulls (never cleared) last, the 10th, 50th and 90th the summary's; empty
        # without a replication (of a phase or category: one in which it had people).
        reached = [v for v in values if v is not None]
        if values[: len(reached)] != reached or any(b < a for a, b in zip(reached, reached[1:])):
            problems.append(f"{where} is not non-decreasing with its nulls last")
        if t100["n"] == 0 and values:
            problems.append(f"{where} has {len(values)} entries for no replication")
        if t100["n"] > 0:
            if len(values) != 100:
                problems.append(f"{where} has {len(values)} entries, not 100")
            else:
                for k, name in ((9, "p10"), (49, "median"), (89, "p90")):
                    if values[k] != t100[name]:
                        problems.append(f"{where}[{k}] is {values[k]}, t100_h.{name} {t100[name]}")

    percentiles("$.overall.t100_percentiles_h", doc["overall"]["t100_percentiles_h"],
                doc["overall"]["clearance"]["t100_h"])
    for i, op in enumerate(doc["operations"]):
        percentiles(f"$.operations[{i}].t100_percentiles_h", op["t100_percentiles_h"],
                    op["clearance"]["t100_h"])
        for kind in ("phases", "categories"):
            for j, part in enumerate(op[kind]):
                percentiles(f"$.operations[{i}].{kind}[{j}].t100_percentiles_h",
                            part["t100_percentiles_h"], part["clearance"]["t100_h"])
    h = doc["overall"]["t100_histogram"]
    total = sum(h["counts"]) + h["not_reached"]
    if total != doc["run"]["replications"]:
        problems.append(f"histogram counts {total} replications, run says {doc['run']['replications']}")
    # The reasons people were left add up to those left, in every replication: so do their means.
    def by_reason(where, people_or_overall):
        total = people_or_overall["not_cleared"]["mean"]
        parts = [s["mean"] for s in people_or_overall["not_cleared_by_reason"].values()]
        if total is None or None in parts:
            return
        if abs(sum(parts) - total) > 1e-6 * max(1.0, abs(total)):
            problems.append(f"{where}.not_cleared_by_reason means add up to {sum(parts)}, "
                            f"not_cleared's mean is {total}")

    by_reason("$.overall", doc["overall"])
    for i, op in enumerate(doc["operations"]):
        by_reason(f"$.operations[{i}].people", op["people"])
    # The phases' exposure adds up to the operation's in every replication, the waiting with that
    # of those still waiting at the end (of no phase): so do their means, where every phase is in
    # every replication's sample (it had people in each).
    for i, op in enumerate(doc["operations"]):
        e = op["exposure_person_hours"]
        parts = [ph["exposure_person_hours"] for ph in op["phases"]]
        if not parts or any(x["waiting"]["n"] != e["waiting"]["n"] for x in parts):
            continue
        for key, beside in (("waiting", e["unboarded"]["mean"]), ("held", 0), ("queueing", 0)):
            total = e[key]["mean"]
            means = [x[key]["mean"] for x in parts]
            if total is None or beside is None or None in means:
                continue
            if abs(sum(means) + beside - total) > 1e-6 * max(1.0, abs(total)):
                problems.append(f"$.operations[{i}].phases[].exposure_person_hours.{key} means "
                                f"add up to {sum(means) + beside}, the operation's is {total}")
    left = doc["overall"]["not_cleared_histogram"]
    if sum(left["counts"]) != doc["run"]["replications"]:
        problems.append(f"not_cleared_histogram counts {sum(left['counts'])} replications, "
                        f"run says {doc['run']['replications']}")
    return problems


def name_problems(validator, doc):
    """A linkage's name may be {} (the scenario gives none); every other name has a form."""
    problems = []
    if not doc["linkages"]:
        return ["the sample has no linkage"]
    if doc["linkages"][0]["name"] != {}:
        problems.append(f"an unnamed linkage has the name {doc['linkages'][0]['name']!r}, not {{}}")
    if check_schema.validation_errors(validator, doc):
        problems.append("the results of a scenario with an unnamed linkage do not validate")
    op = doc["operations"][0]
    for where, holder in (("$.scenario", doc["scenario"]), ("$.operations[0]", op),
                          ("$.operations[0].phases[0]", (op["phases"] or [None])[0]),
                          ("$.operations[0].categories[0]", (op["categories"] or [None])[0])):
        if holder is None:
            problems.append(f"{where}: the sample has none")
            continue
        named = holder["name"]
        holder["name"] = {}
        if not check_schema.validation_errors(validator, doc):
            problems.append(f"{where}.name: {{}} validates, but the scenario must give it a form")
        holder["name"] = named
    return problems


def main(argv):
    if len(argv) not in (3, 4):
        print(f"usage: {argv[0]} REPO_ROOT RESULTS_SAMPLE [MAMAR]", file=sys.stderr)
        return 2
    root = Path(argv[1]).resolve()
    sample = argv[2]
    mamar = argv[3] if len(argv) == 4 else None
    tally = check_schema.Tally()
    fail = tally.fail
    validator = check_schema.load_validator(root, SCHEMA_REL, tally)
    if validator is None:
        return tally.end()

    def check(label, text):
        try:
            doc = json.loads(text)
        except ValueError as e:
            fail(label, [f"not JSON: {e}"])
            return
        errors = check_schema.validation_errors(validator, doc)
        if not errors:
            errors = semantic_problems(doc)
        if errors:
            fail(label, errors[:20])
        else:
            tally.ok(label)

    with tempfile.TemporaryDirectory() as tmp:
        for file in sorted((root / "scenarios").glob("**/*.yaml")):
            rel = file.relative_to(root)
            outputs = []
            for k in range(2):
                out = Path(tmp) / f"sample{k}.json"
                r = subprocess.run([sample, str(file), str(out)], capture_output=True, text=True)
                if r.returncode != 0:
                    fail(f"synthetic {rel}", [f"results_sample exited {r.returncode}: {r.stderr.strip()}"])
                    break
                outputs.append(out.read_bytes())
            if len(outputs) != 2:
                continue
            if outputs[0] != outputs[1]:
                fail(f"synthetic {rel}", ["two runs gave different bytes"])
                continue
            check(f"synthetic {rel}", outputs[0].decode("utf-8"))

        # The linkage of 03-linked-operations without its name.
        linked = root / "scenarios" / "examples" / "03-linked-operations.yaml"
        text = linked.read_text(encoding="utf-8")
        name_line = '      name: {en: "Half for half, then the rest", ar: "النصف مقابل النصف ثم الباقي"}\n'
        unnamed = Path(tmp) / "unnamed-linkage.yaml"
        unnamed.write_text(text.replace(name_line, "", 1), encoding="utf-8")
        out = Path(tmp) / "unnamed.json"
        r = subprocess.run([sample, str(unnamed), str(out)], capture_output=True, text=True)
        if name_line not in text:
            fail("names", ["03-linked-operations.yaml no longer names its linkage as expected"])
        elif r.returncode != 0:
            fail("names", [f"results_sample exited {r.returncode}: {r.stderr.strip()}"])
        else:
            problems = name_problems(validator, json.loads(out.read_text(encoding="utf-8")))
            if problems:
                fail("names", problems)
            else:
                tally.ok("names")

    if mamar:
        # The engine's results, byte for byte the same on 1 and 2 threads: the examples and East
        # Aleppo (two linked operations, risks and scheduled events).
        files = sorted((root / "scenarios" / "examples").glob("*.yaml")) + [root / "scenarios" / "aleppo-2016.yaml"]
        for file in files:
            rel = file.relative_to(root)
            runs = []
            for threads in ("2", "1"):
                try:
                    r = subprocess.run([mamar, "simulate", str(file), "--replications", "20", "--threads",
                                        threads, "--format", "json"], capture_output=True, text=True, timeout=60)
                except subprocess.TimeoutExpired:
                    fail(f"mamar simulate {rel}", ["20 replications took more than 60 s"])
                    break
                if r.returncode != 0:
                    fail(f"mamar simulate {rel}", [f"exit {r.returncode}: {r.stderr.strip()[:500]}"])
                    break
                runs.append(r.stdout)
            if len(runs) != 2:
                continue
            if runs[0] != runs[1]:
                fail(f"mamar simulate {rel}", ["1 and 2 threads gave different bytes"])
                continue
            check(f"mamar simulate {rel}", runs[0])

    return tally.end()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
