#!/usr/bin/python3
"""The peer reference model, written for SimPy, to check mamar against an independent simulator.

Reads a mamar scenario of the restricted shape of bench/peer/reference_model.yaml (one operation,
one bay, convoys of one vehicle, no risks ...; anything else is refused) and simulates it with
SimPy, printing the clearance time in hours (the time the last person arrives) of each
replication, one per line.

The model, written to mirror mamar's engine (src/sim/engine.cpp) event for event:
  - P people, households of 1, all at the gathering point at time 0; B buses of S seats there.
  - Boarding: a bus takes the bay (one bay; buses queue for it) when someone is waiting, boards
    min(S, waiting) people at once and keeps the bay for the SUM of one boarding-time draw per
    person. It then leaves at once, alone (convoy min 1, max 1): full, or with the last people.
  - Each leg: one driving-time draw per trip (per convoy; a convoy is one bus here).
  - A leg ending at a checkpoint: the bus joins the checkpoint's FIFO queue, shared by buses in
    both directions, served by `lanes` parallel lanes; one inspection draw per vehicle at the
    start of its inspection (`empty_inspection`, which defaults to `inspection`, for an empty
    bus). It drives on when its inspection ends.
  - At the destination (unlimited unloading bays): the bus is unloaded for the SUM of one
    unloading draw per person; its people arrive when unloading ends. It then drives back empty
    by the outbound route reversed (same leg distributions), inspected again at each checkpoint,
    and queues for the bay again. Buses keep cycling until everyone has arrived.
  - Every drawn duration is rounded to the millisecond, as mamar does.

Usage: reference_model.py SCENARIO [--replications R] [--seed S] [--first K] [--time]
  --time  also print the wall time per replication (seconds) to standard error.

Needs SimPy 2 (Debian package python3-simpy, for /usr/bin/python3): `from SimPy.Simulation ...`.
"""

import argparse
import random
import re
import sys
import time

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("reference_model.py needs PyYAML (Debian: python3-yaml)")
try:
    from SimPy.Simulation import Simulation, Process, Resource, hold, request, release
except ImportError:  # pragma: no cover
    sys.exit("reference_model.py needs SimPy 2 (Debian: python3-simpy; run it with /usr/bin/python3)")

# --- reading the scenario ----------------------------------------------------------------------

_UNITS_MS = {
    "ms": 1.0,
    "s": 1e3, "sec": 1e3, "secs": 1e3, "second": 1e3, "seconds": 1e3,
    "min": 60e3, "mins": 60e3, "minute": 60e3, "minutes": 60e3,
    "h": 3600e3, "hr": 3600e3, "hrs": 3600e3, "hour": 3600e3, "hours": 3600e3,
    "d": 86400e3, "day": 86400e3, "days": 86400e3,
}
_PART = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([a-z]+)")


class Unsupported(Exception):
    pass


def duration_ms(value):
    """A mamar duration ("90 min", "1 h 30 min", 0) in milliseconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != 0:
            raise Unsupported(f"a duration needs a unit: {value!r}")
        return 0.0
    text = str(value).strip()
    if text == "0":
        return 0.0
    total, pos = 0.0, 0
    while pos < len(text):
        m = _PART.match(text, pos)
        if not m or m.group(2) not in _UNITS_MS:
            raise Unsupported(f"not a duration: {value!r}")
        total += float(m.group(1)) * _UNITS_MS[m.group(2)]
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return total


def sampler(dist):
    """A function rng -> milliseconds (rounded as mamar rounds) for a duration distribution."""
    if not isinstance(dist, dict):
        v = round(duration_ms(dist))
        return lambda rng: v
    if len(dist) != 1:
        raise Unsupported(f"distribution: {dist!r}")
    (kind, arg), = dist.items()
    if kind == "fixed":
        v = round(duration_ms(arg))
        return lambda rng: v
    if kind == "uniform":
        a, b = (duration_ms(x) for x in arg)
        return lambda rng: round(rng.uniform(a, b))
    if kind == "triangular":
        lo, mode, hi = (duration_ms(x) for x in arg)
        return lambda rng: round(rng.triangular(lo, hi, mode))
    if kind == "exponential":
        rate = 1.0 / duration_ms(arg)
        return lambda rng: round(rng.expovariate(rate))
    raise Unsupported(f"distribution kind {kind!r} (the peer model knows fixed, uniform, triangular, exponential)")


class Model:
    """The parameters of the reference model, read from a mamar scenario."""

    def __init__(self, doc):
        def refuse_keys(obj, where, allowed):
            extra = set(obj) - set(allowed)
            if extra:
                raise Unsupported(f"{where}: {sorted(extra)} not supported by the peer model")

        refuse_keys(doc, "top level", ["mamar", "scenario", "parties", "categories", "places", "routes",
                                       "vehicle_types", "operations", "agreement", "simulation"])
        places = {p["id"]: p for p in doc["places"]}
        if len(doc["operations"]) != 1:
            raise Unsupported("exactly one operation")
        op = doc["operations"][0]
        refuse_keys(op, "operation", ["id", "name", "origin", "gathering_point", "destination", "route",
                                      "population", "fleet"])
        # People: one group of households of 1, all present at time 0.
        if len(op["population"]) != 1:
            raise Unsupported("exactly one population group")
        group = op["population"][0]
        refuse_keys(group, "population group", ["category", "people", "household_size", "willing", "arrival"])
        if group.get("household_size", 1) != 1 or group.get("willing", 1) not in (1, "100%"):
            raise Unsupported("households of 1, everyone willing")
        if duration_ms(group.get("arrival", 0)) != 0:
            raise Unsupported("everyone at the gathering point at time 0")
        self.people = int(group["people"])
        # Fleet: one batch of passenger buses at the gathering point at time 0.
        if len(op["fleet"]) != 1:
            raise Unsupported("exactly one fleet batch")
        batch = op["fleet"][0]
        refuse_keys(batch, "fleet batch", ["type", "count", "start"])
        if batch.get("start", op["gathering_point"]) != op["gathering_point"]:
            raise Unsupported("buses start at the gathering point")
        vtype = {t["id"]: t for t in doc["vehicle_types"]}[batch["type"]]
        refuse_keys(vtype, "vehicle type", ["id", "name", "seats"])
        self.buses = int(batch["count"])
        self.seats = int(vtype["seats"])
        # Gathering point: one bay.
        gp = places[op["gathering_point"]]
        if gp.get("bays", 1) != 1:
            raise Unsupported("one loading bay")
        self.boarding = sampler(gp.get("boarding_time", "30 s"))
        # Destination: unlimited unloading bays.
        dest = places[op["destination"]]
        if "bays" in dest:
            raise Unsupported("unlimited unloading bays")
        self.unloading = sampler(dest.get("unloading_time", "10 s"))
        # Route out; the way back is the route reversed.
        route = {r["id"]: r for r in doc["routes"]}[op["route"]]
        self.checkpoints = {}  # place id -> (lanes, loaded sampler, empty sampler)
        for pid, p in places.items():
            if p["kind"] == "checkpoint":
                insp = p.get("inspection", 0)
                self.checkpoints[pid] = (int(p.get("lanes", 1)), sampler(insp),
                                         sampler(p.get("empty_inspection", insp)))
        legs = route["legs"]
        if legs[0]["from"] != op["gathering_point"] or legs[-1]["to"] != op["destination"]:
            raise Unsupported("route from the gathering point to the destination")
        # (driving-time sampler, checkpoint id or None); no stop at the last leg's end.
        self.out = [(sampler(leg["time"]), leg["to"] if k + 1 < len(legs) and leg["to"] in self.checkpoints else None)
                    for k, leg in enumerate(legs)]
        back = list(reversed(legs))
        self.back = [(sampler(leg["time"]), leg["from"] if k + 1 < len(back) and leg["from"] in self.checkpoints else None)
                     for k, leg in enumerate(back)]
        # Agreement: convoys of exactly one vehicle, nothing else.
        agreement = doc["agreement"]
        refuse_keys(agreement, "agreement", ["start", "timezone", "convoy", "guarantors", "operators"])
        convoy = agreement.get("convoy", {})
        refuse_keys(convoy, "convoy", ["min_vehicles", "max_vehicles"])
        if convoy.get("min_vehicles", 1) != 1 or convoy.get("max_vehicles") != 1:
            raise Unsupported("convoys of exactly one vehicle (min_vehicles 1, max_vehicles 1)")


# --- the simulation --------------------------------------------------------------------------

class State:
    def __init__(self, model, sim):
        self.waiting = model.people
        self.arrived = 0
        self.clearance_ms = None
        self.deliveries = []  # (ms, people) of each unloading, as it ends
        self.bay = Resource(capacity=1, sim=sim)
        self.lanes = {cp: Resource(capacity=lanes, sim=sim) for cp, (lanes, _, _) in model.checkpoints.items()}


class Bus(Process):
    def __init__(self, sim, model, state, rng):
        Process.__init__(self, name="bus", sim=sim)
        self.model, self.state, self.rng = model, state, rng

    def run(self):
        m, st, rng, sim = self.model, self.state, self.rng, self.sim
        while True:
            yield request, self, st.bay
            if st.waiting == 0:  # nobody left to carry: the bus stays at the square
                yield release, self, st.bay
                return
            n = min(m.seats, st.waiting)
            st.waiting -= n
            yield hold, self, sum(m.boarding(rng) for _ in range(n))
            yield release, self, st.bay
            for drive, cp in m.out:
                yield hold, self, drive(rng)
                if cp is not None:
                    yield request, self, st.lanes[cp]
                    yield hold, self, m.checkpoints[cp][1](rng)
                    yield release, self, st.lanes[cp]
            yield hold, self, sum(m.unloading(rng) for _ in range(n))
            st.deliveries.append((sim.now(), n))
            st.arrived += n
            if st.arrived == m.people:
                st.clearance_ms = sim.now()
                sim.stopSimulation()
                return
            for drive, cp in m.back:
                yield hold, self, drive(rng)
                if cp is not None:
                    yield request, self, st.lanes[cp]
                    yield hold, self, m.checkpoints[cp][2](rng)
                    yield release, self, st.lanes[cp]


def replicate(model, seed, replication):
    """Clearance time in hours of one replication."""
    return run_one(model, seed, replication).clearance_ms / 3600e3


def deliveries(model, seed, replication):
    """Each unloading of one replication, as it ends: (hours, people)."""
    return [(ms / 3600e3, n) for ms, n in run_one(model, seed, replication).deliveries]


def run_one(model, seed, replication):
    """The state at the end of one replication."""
    rng = random.Random(f"peer:{seed}:{replication}")
    sim = Simulation()
    sim.initialize()
    state = State(model, sim)
    for _ in range(model.buses):
        bus = Bus(sim, model, state, rng)
        sim.activate(bus, bus.run())
    sim.simulate(until=1e15)
    if state.clearance_ms is None:
        raise RuntimeError("the simulation ended with people left")
    return state


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("--replications", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first", type=int, default=0, help="index of the first replication")
    ap.add_argument("--time", action="store_true", help="print seconds per replication to stderr")
    args = ap.parse_args(argv)
    with open(args.scenario, encoding="utf-8") as f:
        try:
            model = Model(yaml.safe_load(f))
        except Unsupported as e:
            sys.exit(f"{args.scenario}: not a scenario the peer model can run: {e}")
    out = []
    t0 = time.perf_counter()
    for r in range(args.first, args.first + args.replications):
        out.append(replicate(model, args.seed, r))
    elapsed = time.perf_counter() - t0
    sys.stdout.write("".join(f"{x:.6f}\n" for x in out))
    if args.time:
        print(f"seconds_per_replication {elapsed / max(1, args.replications):.9g}", file=sys.stderr)


if __name__ == "__main__":
    main()
