#!/usr/bin/env python3
"""Checks schema/comparison.schema.json and the output of `mamar simulate --compare` against it.

Usage: check_comparison.py REPO_ROOT MAMAR

1. The schema is a valid draft-07 schema (the checks of check_schema.py: $defs, $ref siblings,
   local refs).
2. `mamar simulate` of example 2 with `--compare` example 5 (80 replications, `--format json`)
   exits 0, gives the same bytes with two threads and with one, validates, and passes the checks
   the schema cannot express: in every paired entry pairs = higher + lower + same =
   run.replications (for a phase, at most that: a pair counts where the phase had people in both
   runs), p10 <= median <= p90 (with "-inf" below every number and "+inf" above),
   change.mean = variant.mean - base.mean where it is a number; the change of each high
   chance's time is the variant's percentile minus the base's, present from 72 (95%) and 368
   (99%) pairs, its interval ordered and only where both percentiles are reached; the operations
   are those of both scenarios matched by id, the others listed in only_in_base and
   only_in_variant.
3. Example 1 compared with itself: every pair is the same, every change 0 (the changes of the
   high chances' times and their intervals too).
4. Example 1 compared with example 2 (no operation id in common): no operation compared, the
   ids listed in only_in_base and only_in_variant.
5. `--out DIR` writes comparison.json with the bytes printed by `--format json`, and
   DIR/base/results.json and DIR/variant/results.json that validate against
   schema/results.schema.json and hold the summaries the comparison shows (of the operations,
   of all of them, of the gathering points, and of the phases compared in every replication;
   the phases compared are those of the base's results that the variant's has, in its order)
   and each run's percentiles and intervals of the high chances (the intervals present), and
   DIR/report.html linking to each run's own report.

Prints each failure, then `N passed, M failed`; exits 1 on any failure.
"""

import json
import math
import re
import subprocess
import sys
import tempfile
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_results  # noqa: E402  (same folder)
import check_schema  # noqa: E402  (same folder)

SCHEMA_REL = Path("schema") / "comparison.schema.json"
RESULTS_SCHEMA_REL = Path("schema") / "results.schema.json"
EXAMPLES = Path("scenarios") / "examples"
MINIMAL = str(EXAMPLES / "01-minimal.yaml")
CHECKPOINT = str(EXAMPLES / "02-checkpoint-and-phases.yaml")
MORE_AMBULANCES = str(EXAMPLES / "05-what-if-more-ambulances.yaml")
REPLICATIONS = "80"  # enough for the intervals of the 95% chances (72)
TIMEOUT_S = 60
RELATIVE_TOLERANCE = 1e-9

# Where each compared quantity of an operation stands in results.json.
RESULTS_FIELD = {
    "t90_h": ("clearance", "t90_h"),
    "t100_h": ("clearance", "t100_h"),
    "waiting_person_hours": ("exposure_person_hours", "waiting"),
    "outside_person_hours": ("exposure_person_hours", "outside"),
    "held_person_hours": ("exposure_person_hours", "held"),
    "queueing_person_hours": ("exposure_person_hours", "queueing"),
    "removed": ("people", "removed"),
    "killed": ("people", "killed"),
    "injured": ("people", "injured"),
    "turned_back": ("people", "turned_back"),
    "not_cleared": ("people", "not_cleared"),
    "vehicles_lost": ("vehicles", "lost"),
    "trips": ("vehicles", "trips"),
    "utilisation": ("vehicles", "utilisation"),
}


def paired_in(where, obj):
    """Yields (JSON path, paired difference) for the paired differences in `obj`, also those one
    level down (the people not cleared by reason)."""
    for key, value in obj.items():
        if not isinstance(value, dict):
            continue
        if "change" in value:
            yield f"{where}.{key}", value
        else:
            for inner, paired in value.items():
                if isinstance(paired, dict) and "change" in paired:
                    yield f"{where}.{key}.{inner}", paired


def paired_entries(doc):
    """Yields (JSON path, paired difference) for every compared quantity in the document."""
    for i, op in enumerate(doc["operations"]):
        yield from paired_in(f"$.operations[{i}]", op)
        for j, phase in enumerate(op["phases"]):
            yield from paired_in(f"$.operations[{i}].phases[{j}]", phase)
        for key in ("by_category", "not_cleared_by_category"):
            for j, category in enumerate(op[key]):
                yield from paired_in(f"$.operations[{i}].{key}[{j}]", category)
    yield from paired_in("$.overall", doc["overall"])
    for i, point in enumerate(doc["gathering_points"]):
        yield from paired_in(f"$.gathering_points[{i}]", point)


def chance_entries(doc):
    """Yields (JSON path, entry) for every entry with the high chances' times: each operation,
    each phase compared, and all operations."""
    for i, op in enumerate(doc["operations"]):
        yield f"$.operations[{i}]", op
        for j, phase in enumerate(op["phases"]):
            yield f"$.operations[{i}].phases[{j}]", phase
        for j, category in enumerate(op["by_category"]):
            yield f"$.operations[{i}].by_category[{j}]", category
    yield "$.overall", doc["overall"]


def ordered(value):
    """A change percentile as a number that orders "-inf" < numbers < "+inf"."""
    if value == "-inf":
        return -math.inf
    if value == "+inf":
        return math.inf
    return value


def close(a, b, *scale):
    return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b), *(abs(s) for s in scale))


def semantic_problems(doc):
    """Checks the schema cannot express: counts that add up, percentiles in order, means."""
    problems = []
    replications = doc["run"]["replications"]
    for where, d in paired_entries(doc):
        pairs = d["pairs"]
        counted = d["higher"] + d["lower"] + d["same"]
        # A phase's pairs are the replications where it had people to clear in both runs; a
        # category's times' where people of it left in both.
        over_some = ".phases[" in where or re.search(
            r"\.by_category\[\d+\]\.(t90_h|t100_h|finished_in_ceasefire)$", where)
        if pairs != replications and not (over_some and pairs < replications):
            problems.append(f"{where}.pairs is {pairs}, run.replications {replications}")
        if counted != pairs:
            problems.append(f"{where}: higher + lower + same is {counted}, pairs {pairs}")
        for side in ("base", "variant"):
            if d[side]["n"] != pairs:
                problems.append(f"{where}.{side}.n is {d[side]['n']}, pairs {pairs}")
        change = d["change"]
        percentiles = [change[k] for k in ("p10", "median", "p90")]
        if pairs == 0:
            if percentiles != [None, None, None]:
                problems.append(f"{where}.change: percentiles without pairs")
        elif None in percentiles:
            problems.append(f"{where}.change: a percentile is null with {pairs} pairs")
        else:
            lo, mid, hi = (ordered(v) for v in percentiles)
            if not lo <= mid <= hi:
                problems.append(f"{where}.change: p10 <= median <= p90 does not hold "
                                f"({percentiles[0]}, {percentiles[1]}, {percentiles[2]})")
        mean, base_mean, variant_mean = change["mean"], d["base"]["mean"], d["variant"]["mean"]
        if mean is not None:
            if base_mean is None or variant_mean is None:
                problems.append(f"{where}.change.mean is {mean} but base.mean is {base_mean} and "
                                f"variant.mean {variant_mean}")
            elif not close(mean, variant_mean - base_mean, base_mean, variant_mean):
                problems.append(f"{where}.change.mean is {mean}, variant.mean - base.mean "
                                f"{variant_mean - base_mean}")
        elif pairs > 0 and d["base"]["not_reached"] == 0 and d["variant"]["not_reached"] == 0:
            problems.append(f"{where}.change.mean is null although every value was reached")
        if (change["ci95_half"] is None) != (mean is None or pairs < 2):
            problems.append(f"{where}.change.ci95_half is {change['ci95_half']} with mean {mean} "
                            f"and {pairs} pairs")
        if (change["independent_ci95_half"] is None) != (change["ci95_half"] is None):
            problems.append(f"{where}.change.independent_ci95_half is "
                            f"{change['independent_ci95_half']}, ci95_half {change['ci95_half']}")
        # The interval: the mean ± its half-width, but a chance's (Newcombe's), which is
        # defined from one pair on, holds the mean and stays within [-1, 1].
        low, high, half = change["ci95_low"], change["ci95_high"], change["ci95_half"]
        if where.endswith(".finished_in_ceasefire"):
            if (low is None or high is None) != (pairs == 0):
                problems.append(f"{where}.change: interval {low}, {high} with {pairs} pairs")
            elif low is not None and not -1 <= low <= mean <= high <= 1:
                problems.append(f"{where}.change: -1 <= ci95_low <= mean <= ci95_high <= 1 "
                                f"does not hold ({low}, {mean}, {high})")
        elif half is None:
            if low is not None or high is not None:
                problems.append(f"{where}.change: interval {low}, {high} without ci95_half")
        elif low is None or high is None or not (close(low, mean - half, mean, half) and
                                                 close(high, mean + half, mean, half)):
            problems.append(f"{where}.change: interval {low}, {high} is not mean {mean} ± {half}")
    # The change of each high chance's time: the variant's percentile minus the base's, an
    # entry for each chance once the pairs suffice, its interval in order (a bootstrap's interval
    # need not hold its own point).
    # A phase's are over its pairs: its percentiles and intervals too.
    min_pairs = {95: 72, 99: 368}
    for where, entry in chance_entries(doc):
        changes = entry["t100_chance_changes"]
        pairs = entry["t100_h"]["pairs"]
        expected = [p for p in (95, 99) if pairs >= min_pairs[p]]
        if [c["percent"] for c in changes] != expected:
            problems.append(f"{where}.t100_chance_changes has {[c['percent'] for c in changes]}, "
                            f"expected {expected} with {pairs} pairs")
        for side in ("base", "variant"):
            intervals = [i["percent"] for i in entry["t100_chance_intervals"][side]]
            if not set(intervals) <= set(expected):
                problems.append(f"{where}.t100_chance_intervals.{side} has {intervals} with "
                                f"{pairs} pairs")
        for c in changes:
            base = entry["t100_percentiles_h"]["base"][c["percent"] - 1]
            variant = entry["t100_percentiles_h"]["variant"][c["percent"] - 1]
            if base is None and variant is None:
                expected_change = None
            elif base is None:
                expected_change = "-inf"
            elif variant is None:
                expected_change = "+inf"
            else:
                expected_change = variant - base
            got = c["change_h"]
            if (got is None or isinstance(got, str) or isinstance(expected_change, str)
                    or expected_change is None):
                if got != expected_change:
                    problems.append(f"{where}.t100_chance_changes {c['percent']}: change_h {got}, "
                                    f"expected {expected_change}")
            elif not close(got, expected_change, base, variant):
                problems.append(f"{where}.t100_chance_changes {c['percent']}: change_h {got}, "
                                f"expected {expected_change}")
            low, high = c["ci95_low_h"], c["ci95_high_h"]
            if (low is None) != (high is None):
                problems.append(f"{where}.t100_chance_changes {c['percent']}: one bound null")
            elif low is not None:
                if base is None or variant is None:
                    problems.append(f"{where}.t100_chance_changes {c['percent']}: an interval "
                                    "with a percentile not reached")
                if not ordered(low) <= ordered(high):
                    problems.append(f"{where}.t100_chance_changes {c['percent']}: "
                                    f"ci95_low_h {low} > ci95_high_h {high}")
    ids = [op["id"] for op in doc["operations"]]
    if len(set(ids)) != len(ids):
        problems.append(f"an operation id is compared twice: {ids}")
    for key in ("only_in_base", "only_in_variant"):
        both = sorted(set(ids) & set(doc[key]))
        if both:
            problems.append(f"$.{key} lists {both}, which are compared")
    return problems


def matching_problems(doc, root, base_file, variant_file):
    """The scenarios named and the operations matched by id, as the scenario files say."""
    problems = []
    for side, file in (("base", base_file), ("variant", variant_file)):
        scenario = check_schema.load_yaml(root / file)
        if doc[side]["id"] != scenario["scenario"]["id"]:
            problems.append(f"$.{side}.id is {doc[side]['id']!r}, {file} says "
                            f"{scenario['scenario']['id']!r}")
        if doc[side]["file"] != file:
            problems.append(f"$.{side}.file is {doc[side]['file']!r}, not {file!r} as given")
    base_ids = [op["id"] for op in check_schema.load_yaml(root / base_file)["operations"]]
    variant_ids = [op["id"] for op in check_schema.load_yaml(root / variant_file)["operations"]]
    expected = [{"id": op, "base_index": i, "variant_index": variant_ids.index(op)}
                for i, op in enumerate(base_ids) if op in variant_ids]
    found = [{k: op[k] for k in ("id", "base_index", "variant_index")} for op in doc["operations"]]
    if found != expected:
        problems.append(f"$.operations are {found}, expected {expected}")
    only_in_base = [op for op in base_ids if op not in variant_ids]
    only_in_variant = [op for op in variant_ids if op not in base_ids]
    if doc["only_in_base"] != only_in_base:
        problems.append(f"$.only_in_base is {doc['only_in_base']}, expected {only_in_base}")
    if doc["only_in_variant"] != only_in_variant:
        problems.append(f"$.only_in_variant is {doc['only_in_variant']}, "
                        f"expected {only_in_variant}")
    return problems


def self_comparison_problems(doc):
    """A scenario compared with itself: every pair the same, every change 0."""
    problems = []
    for where, d in paired_entries(doc):
        if d["same"] != d["pairs"]:
            problems.append(f"{where}: same is {d['same']}, pairs {d['pairs']}")
        if d["base"] != d["variant"]:
            problems.append(f"{where}: base and variant summaries differ")
        change = d["change"]
        for k in ("p10", "median", "p90", "mean", "ci95_half"):
            if change[k] is not None and change[k] != 0:
                problems.append(f"{where}.change.{k} is {change[k]}, not 0")
    # Every resample of identical pairs changes nothing: each high chance's change and its
    # interval are 0 (example 1 clears everyone).
    for where, entry in chance_entries(doc):
        changes = entry["t100_chance_changes"]
        if not changes:
            problems.append(f"{where}.t100_chance_changes is empty")
        for c in changes:
            if [c["change_h"], c["ci95_low_h"], c["ci95_high_h"]] != [0, 0, 0]:
                problems.append(f"{where}.t100_chance_changes {c['percent']} is {c}, not 0")
    return problems


def results_problems(doc, results, side):
    """The summaries of `side` in the comparison are those of its results.json."""
    problems = []
    for key in ("replications", "seed", "stochastic_risks", "scheduled_events", "horizon_h"):
        if results["run"][key] != doc["run"][key]:
            problems.append(f"{side}/results.json: run.{key} is {results['run'][key]}, "
                            f"comparison.json says {doc['run'][key]}")
    if results["scenario"]["id"] != doc[side]["id"]:
        problems.append(f"{side}/results.json is of scenario {results['scenario']['id']!r}, "
                        f"comparison.json says {doc[side]['id']!r}")

    def same_summary(where, compared, summary):
        if compared != summary:
            problems.append(f"$.{where}.{side} differs from {side}/results.json")

    def same_share(where, compared, proportion):
        mean, estimate = compared["mean"], proportion["estimate"]
        if (mean is None) != (estimate is None) or (mean is not None and not close(mean, estimate)):
            problems.append(f"$.{where}.{side}.mean is {mean}, {side}/results.json's share "
                            f"{estimate}")

    for i, op in enumerate(doc["operations"]):
        result = results["operations"][op[f"{side}_index"]]
        if result["id"] != op["id"]:
            problems.append(f"$.operations[{i}].{side}_index points at {result['id']!r}, "
                            f"not {op['id']!r}")
            continue
        for key, (group, field) in RESULTS_FIELD.items():
            same_summary(f"operations[{i}].{key}", op[key][side], result[group][field])
        same_share(f"operations[{i}].finished_in_ceasefire", op["finished_in_ceasefire"][side],
                   result["finished_in_ceasefire"])
        for reason, paired in op["not_cleared_by_reason"].items():
            same_summary(f"operations[{i}].not_cleared_by_reason.{reason}", paired[side],
                         result["people"]["not_cleared_by_reason"][reason])
        same_summary(f"operations[{i}].t100_percentiles_h", op["t100_percentiles_h"][side],
                     result["t100_percentiles_h"])
        same_summary(f"operations[{i}].t100_chance_intervals",
                     op["t100_chance_intervals"][side], result["t100_chance_intervals"])
    overall = results["overall"]
    same_summary("overall.t100_percentiles_h", doc["overall"]["t100_percentiles_h"][side],
                 overall["t100_percentiles_h"])
    same_summary("overall.t100_chance_intervals", doc["overall"]["t100_chance_intervals"][side],
                 overall["t100_chance_intervals"])
    # With 80 replications the 95% chance has its interval: the comparison of the lists above
    # compares something.
    if not doc["overall"]["t100_chance_intervals"][side]:
        problems.append(f"$.overall.t100_chance_intervals.{side} is empty with "
                        f"{REPLICATIONS} replications")
    same_summary("overall.t90_h", doc["overall"]["t90_h"][side], overall["clearance"]["t90_h"])
    same_summary("overall.t100_h", doc["overall"]["t100_h"][side], overall["clearance"]["t100_h"])
    same_summary("overall.not_cleared", doc["overall"]["not_cleared"][side], overall["not_cleared"])
    for reason, paired in doc["overall"]["not_cleared_by_reason"].items():
        same_summary(f"overall.not_cleared_by_reason.{reason}", paired[side],
                     overall["not_cleared_by_reason"][reason])
    same_share("overall.finished_in_ceasefire", doc["overall"]["finished_in_ceasefire"][side],
               overall["finished_in_ceasefire"])
    for i, op in enumerate(doc["operations"]):
        result = results["operations"][op[f"{side}_index"]]
        phases = {phase["id"]: phase for phase in result["phases"]}
        ids = [phase["id"] for phase in op["phases"]]
        if side == "base":
            # The base's phases that the variant has, in the base's order: a subsequence.
            order = [phase["id"] for phase in result["phases"] if phase["id"] in ids]
            if order != ids:
                problems.append(f"$.operations[{i}].phases are {ids}, in the base's order {order}")
        for j, phase in enumerate(op["phases"]):
            if phase["id"] not in phases:
                problems.append(f"$.operations[{i}].phases[{j}] is {phase['id']!r}, which is not "
                                f"among {side}/results.json's phases")
                continue
            # Compared in every replication: the phase had people in each, and the results'
            # sample is all of them.
            if phase["t100_h"]["pairs"] != doc["run"]["replications"]:
                continue
            result_phase = phases[phase["id"]]
            for key in ("t90_h", "t100_h"):
                same_summary(f"operations[{i}].phases[{j}].{key}", phase[key][side],
                             result_phase["clearance"][key])
            for key in ("removed", "killed", "injured"):
                same_summary(f"operations[{i}].phases[{j}].{key}", phase[key][side],
                             result_phase["people"][key])
            for key, field in (("waiting_person_hours", "waiting"), ("held_person_hours", "held"),
                               ("queueing_person_hours", "queueing")):
                same_summary(f"operations[{i}].phases[{j}].{key}", phase[key][side],
                             result_phase["exposure_person_hours"][field])
            same_share(f"operations[{i}].phases[{j}].finished_in_ceasefire",
                       phase["finished_in_ceasefire"][side], result_phase["finished_in_ceasefire"])
            for key in ("t100_percentiles_h", "t100_chance_intervals"):
                same_summary(f"operations[{i}].phases[{j}].{key}", phase[key][side],
                             result_phase[key])
            if not phase["t100_chance_intervals"][side]:
                problems.append(f"$.operations[{i}].phases[{j}].t100_chance_intervals.{side} is "
                                f"empty with {REPLICATIONS} replications")
    for i, op in enumerate(doc["operations"]):
        result = results["operations"][op[f"{side}_index"]]
        categories = {category["id"]: category for category in result["categories"]}
        for j, category in enumerate(op["by_category"]):
            # Where people of it left in every replication of both runs: the results' own.
            if category["t100_h"]["pairs"] != doc["run"]["replications"]:
                continue
            if category["id"] not in categories:
                problems.append(f"$.operations[{i}].by_category[{j}] is {category['id']!r}, "
                                f"which is not among {side}/results.json's categories")
                continue
            result_category = categories[category["id"]]
            where = f"operations[{i}].by_category[{j}]"
            for key in ("t90_h", "t100_h"):
                same_summary(f"{where}.{key}", category[key][side],
                             result_category["clearance"][key])
            same_share(f"{where}.finished_in_ceasefire", category["finished_in_ceasefire"][side],
                       result_category["finished_in_ceasefire"])
            for key in ("t100_percentiles_h", "t100_chance_intervals"):
                same_summary(f"{where}.{key}", category[key][side], result_category[key])
            if not category["t100_chance_intervals"][side]:
                problems.append(f"$.{where}.t100_chance_intervals.{side} is empty with "
                                f"{REPLICATIONS} replications")
    points = {point["id"]: point for point in results["gathering_points"]}
    for i, point in enumerate(doc["gathering_points"]):
        if point["id"] not in points:
            problems.append(f"$.gathering_points[{i}] is {point['id']!r}, which is not among "
                            f"{side}/results.json's gathering points")
            continue
        result = points[point["id"]]
        for key in ("peak_waiting", "over_capacity_h"):
            if point[key] is not None and result[key] is not None:
                same_summary(f"gathering_points[{i}].{key}", point[key][side], result[key])
    return problems


def main(argv):
    if len(argv) != 3:
        print(f"usage: {argv[0]} REPO_ROOT MAMAR", file=sys.stderr)
        return 2
    root = Path(argv[1]).resolve()
    mamar = argv[2]
    tally = check_schema.Tally()
    fail = tally.fail
    ok = tally.ok
    validator = check_schema.load_validator(root, SCHEMA_REL, tally)
    results_validator = check_schema.load_validator(root, RESULTS_SCHEMA_REL, tally)
    if validator is None or results_validator is None:
        return tally.end()

    def simulate(label, base, variant, threads, *extra):
        """Stdout of `mamar simulate BASE --compare VARIANT`, or None after reporting a failure."""
        command = [mamar, "simulate", base, "--compare", variant, "--replications", REPLICATIONS,
                   "--threads", threads, "--format", "json", *extra]
        try:
            r = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            fail(label, [f"{REPLICATIONS} pairs of replications took more than {TIMEOUT_S} s"])
            return None
        if r.returncode != 0:
            fail(label, [f"exit {r.returncode}: {r.stderr.strip()[:500]}"])
            return None
        return r.stdout

    def parsed(label, text, base, variant):
        """The document, valid and consistent with the scenarios, or None after a failure."""
        try:
            doc = json.loads(text)
        except ValueError as e:
            fail(label, [f"not JSON: {e}"])
            return None
        errors = check_schema.validation_errors(validator, doc)
        if not errors:
            errors = semantic_problems(doc) + matching_problems(doc, root, base, variant)
        if errors:
            fail(label, errors[:20])
            return None
        return doc

    # 2. A variant against its base, with two threads and with one.
    label = f"mamar simulate {CHECKPOINT} --compare {MORE_AMBULANCES}"
    runs = []
    for threads in ("2", "1"):
        out = simulate(label, CHECKPOINT, MORE_AMBULANCES, threads)
        if out is None:
            break
        runs.append(out)
    compared = None
    if len(runs) == 2:
        if runs[0] != runs[1]:
            fail(label, ["1 and 2 threads gave different bytes"])
        elif (doc := parsed(label, runs[0], CHECKPOINT, MORE_AMBULANCES)) is not None:
            # Example 5 is example 2 with 12 ambulances instead of 6 (and its own id and name).
            expected = [{"path": "operations[evacuate-town-a].fleet[0].count",
                         "base": "6", "variant": "12"}]
            if doc.get("changes") != expected:
                fail(label, [f"$.changes is {doc.get('changes')}, expected {expected}"])
            else:
                compared = runs[0]
                ok(f"{label}: the one field the variant changes listed")

    # 3. A scenario compared with itself.
    label = f"mamar simulate {MINIMAL} --compare {MINIMAL}"
    out = simulate(label, MINIMAL, MINIMAL, "2")
    doc = parsed(label, out, MINIMAL, MINIMAL) if out is not None else None
    if doc is not None:
        problems = self_comparison_problems(doc)
        if doc.get("changes") != []:
            problems.append(f"$.changes is {doc.get('changes')}, expected []")
        if not doc["operations"]:
            problems.append("no operation compared")
        if problems:
            fail(label, problems[:20])
        else:
            ok(f"{label}: every pair the same")

    # 4. Two scenarios with no operation id in common.
    label = f"mamar simulate {MINIMAL} --compare {CHECKPOINT}"
    out = simulate(label, MINIMAL, CHECKPOINT, "2")
    doc = parsed(label, out, MINIMAL, CHECKPOINT) if out is not None else None
    if doc is not None:
        problems = []
        if doc["operations"]:
            problems.append(f"$.operations has {len(doc['operations'])} entries, expected none")
        if not doc["only_in_base"] or not doc["only_in_variant"]:
            problems.append("only_in_base and only_in_variant should both list operations")
        if problems:
            fail(label, problems)
        else:
            ok(f"{label}: no operation in common, listed as {doc['only_in_base']} and "
               f"{doc['only_in_variant']}")

    # 5. --out: comparison.json, its report and both runs' results.
    label = f"mamar simulate {CHECKPOINT} --compare {MORE_AMBULANCES} --out DIR"
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(tmp) / "what-if"
        out = simulate(label, CHECKPOINT, MORE_AMBULANCES, "2", "--out", str(out_dir))
        if out is not None:
            problems = []
            doc = None
            files = ["comparison.json", "report.html"] + [
                f"{side}/{name}" for side in ("base", "variant")
                for name in ("results.json", "report.html")]
            missing = [f for f in files if not (out_dir / f).is_file()
                       or (out_dir / f).stat().st_size == 0]
            if missing:
                problems.append(f"not written (or empty): {', '.join(missing)}")
            else:
                written = (out_dir / "comparison.json").read_text(encoding="utf-8")
                if written != out:
                    problems.append("comparison.json differs from what --format json printed")
                if compared is not None and written != compared:
                    problems.append("comparison.json differs from the same run without --out")
                doc = json.loads(out) if compared is not None else parsed(
                    label, out, CHECKPOINT, MORE_AMBULANCES)
                # The comparison's report links to each run's own.
                report = (out_dir / "report.html").read_text(encoding="utf-8")
                for link in ('href="base/report.html"', 'href="variant/report.html"'):
                    if link not in report:
                        problems.append(f"report.html has no {link}")
                for side in ("base", "variant"):
                    text = (out_dir / side / "results.json").read_text(encoding="utf-8")
                    try:
                        results = json.loads(text)
                    except ValueError as e:
                        problems.append(f"{side}/results.json is not JSON: {e}")
                        continue
                    errors = check_schema.validation_errors(results_validator, results)
                    if not errors:
                        errors = check_results.semantic_problems(results)
                    if errors:
                        problems += [f"{side}/results.json: {e}" for e in errors]
                    elif doc is not None:
                        problems += results_problems(doc, results, side)
            if problems:
                fail(label, problems[:20])
            elif doc is not None:
                ok(f"{label}: comparison.json as printed, both results.json valid and as compared")

    return tally.end()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
