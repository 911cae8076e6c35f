#!/usr/bin/env python3
"""Writes a scenario of N independent operations to standard output, for measuring how the cost
of an event grows with the number of operations (docs/performance.md, "Pathological scenarios").

Each operation has its own origin, gathering point and destination, one leg of 20-40 min, 300
people in households of 1 (30%) or 4 (70%) coming over the first 6 h, and 2 buses of 50 seats.

    python3 bench/many_operations.py 400 > /tmp/ops400.yaml
    valgrind --tool=callgrind build/rwd/src/cli/mamar simulate /tmp/ops400.yaml \\
        --replications 1 --threads 1 --format json
"""
import sys


def scenario(n):
    out = ["mamar: 1", "scenario: {id: many-operations, name: {en: Many operations}}",
           "categories:", "  - {id: people, name: {en: People}}", "places:"]
    for i in range(n):
        out.append(f"  - {{id: o{i}, kind: origin, name: {{en: O{i}}}}}")
        out.append(f"  - {{id: g{i}, kind: gathering_point, name: {{en: G{i}}}, boarding_time: 10 s}}")
        out.append(f"  - {{id: d{i}, kind: destination, name: {{en: D{i}}}, unloading_time: 5 s}}")
    out.append("routes:")
    for i in range(n):
        out.append(f"  - {{id: r{i}, legs: [{{from: g{i}, to: d{i}, time: {{uniform: [20 min, 40 min]}}}}]}}")
    out.append("vehicle_types:\n  - {id: bus, name: {en: Bus}, seats: 50}")
    out.append("operations:")
    for i in range(n):
        out.append(
            f"  - {{id: op{i}, name: {{en: Op {i}}}, origin: o{i}, gathering_point: g{i}, "
            f"destination: d{i}, route: r{i}, population: [{{category: people, people: 300, "
            f"household_size: {{empirical: [[1, 30], [4, 70]]}}, arrival: {{uniform: [0 h, 6 h]}}}}], "
            f"fleet: [{{type: bus, count: 2}}]}}")
    out.append('agreement:\n  start: "2030-01-01T06:00+02:00"')
    out.append("simulation:\n  replications: 1\n  horizon: 5 d")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: many_operations.py N (N operations, at least 1)")
    sys.stdout.write(scenario(int(sys.argv[1])))
