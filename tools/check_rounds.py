#!/usr/bin/env python3
"""check_rounds - count the repeated pairs of a rounds seating itself.

Usage: tools/check_rounds.py RESULT.json   (tsunagu-golfer's output)

Shares no code with the search: checks that every round seats every person
0 .. n-1 exactly once at tables of the right sizes (g tables of s for a
social golfer instance g-s-w; the listed "sizes" for a synthetic event),
counts for every pair the rounds they share a table, and prints
"ok REPEATS" when the seating is well formed and REPEATS (meetings beyond
the first, over all pairs) equals the search's own "repeats"; otherwise a
reason, exit 1.

A synthetic event (tsunagu-golfer --event) also lists its rules, checked in
every round: "allowed" (person -> the only tables they may sit at),
"marks" (bits per person) with "mark_min" (per table, at least so many of
each mark), "first" (round 1 as given), and "met" (pairs counted as met
once before round 1, as colleagues are)."""
import itertools
import json
import sys


def shape(result):
    """(sizes of the tables, number of rounds) the result must have."""
    if "sizes" in result:
        return list(result["sizes"]), len(result["rounds"])
    g, s, w = (int(x) for x in result["instance"].split("-"))
    return [s] * g, w


def check_rules(result, r, tables):
    """The event's rules in round r (1-based); None or a reason."""
    allowed = {int(p): set(ts) for p, ts in result.get("allowed", {}).items()}
    marks = result.get("marks")
    first = result.get("first")
    for t, members in enumerate(tables):
        for p in members:
            if p in allowed and t not in allowed[p]:
                return "round %d: person %d at table %d, allowed only %s" % (r, p, t, sorted(allowed[p]))
            if r == 1 and first is not None and first[p] != t:
                return "round 1: person %d at table %d, given at table %d" % (p, t, first[p])
        if marks is not None:
            for m, want in enumerate(result["mark_min"][t]):
                got = sum(1 for p in members if marks[p] >> m & 1)
                if got < want:
                    return "round %d: table %d has %d of mark %d, at least %d wanted" % (r, t, got, m, want)
    return None


def check(result):
    sizes, w = shape(result)
    n = sum(sizes)
    rounds = result["rounds"]
    if len(rounds) != w:
        return "%d rounds, expected %d" % (len(rounds), w)
    meet = {}
    for a, b in result.get("met", []):
        meet[(min(a, b), max(a, b))] = 1
    for r, tables in enumerate(rounds, 1):
        if [len(t) for t in tables] != sizes:
            return "round %d: table sizes %s, expected %s" % (r, [len(t) for t in tables], sizes)
        seated = sorted(p for t in tables for p in t)
        if seated != list(range(n)):
            return "round %d: not every golfer exactly once" % r
        problem = check_rules(result, r, tables)
        if problem:
            return problem
        for t in tables:
            for a, b in itertools.combinations(sorted(t), 2):
                meet[(a, b)] = meet.get((a, b), 0) + 1
    repeats = sum(m - 1 for m in meet.values() if m > 1)
    if repeats != result["repeats"]:
        return "counted %d repeats, the search says %d" % (repeats, result["repeats"])
    return None


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        result = json.load(f)
    problem = check(result)
    if problem:
        print(problem)
        return 1
    print("ok %d" % result["repeats"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
