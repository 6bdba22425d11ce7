#!/usr/bin/env python3
"""check_rounds - count the repeated pairs of a social golfer seating itself.

Usage: tools/check_rounds.py RESULT.json   (tsunagu-golfer's output)

Shares no code with the search: checks that every round seats every golfer
0 .. g*s-1 exactly once at g tables of s, counts for every pair the rounds
they share a table, and prints "ok REPEATS" when the seating is well formed
and REPEATS (meetings beyond the first, over all pairs) equals the search's
own "repeats"; otherwise a reason, exit 1."""
import itertools
import json
import sys


def check(result):
    g, s, w = (int(x) for x in result["instance"].split("-"))
    rounds = result["rounds"]
    if len(rounds) != w:
        return "%d rounds, expected %d" % (len(rounds), w)
    meet = {}
    for r, tables in enumerate(rounds, 1):
        if len(tables) != g or any(len(t) != s for t in tables):
            return "round %d: tables are not %d of %d" % (r, g, s)
        seated = sorted(p for t in tables for p in t)
        if seated != list(range(g * s)):
            return "round %d: not every golfer exactly once" % r
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
