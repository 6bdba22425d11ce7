"""region_swaps.py PLAN - count the free improving swaps of a plan's
exchange sessions (tests/scripts/test_region_places.sh).

A swap of two people of one profession and one experience at different
tables changes nothing any rule counts except where they sit by region
(sides, experienced members and table sizes stay), provided neither has a
colleague at either table, a pin or a request.  When such a swap lowers
the region rule's price - border hops, and an interest region's table
just above one's own - a plan the solver calls optimal was not.  Prints
each such swap and their number; exit 0 always (the caller compares)."""
import json
import sys
import unicodedata
from collections import deque

plan = json.load(open(sys.argv[1], encoding="utf-8"))
regions = [r["name"] for r in plan["regions"]["regions"]]
near = {r: set() for r in regions}
for a, b in plan["regions"]["borders"]:
    near[a].add(b)
    near[b].add(a)


def hops_from(start):
    seen, todo = {start: 0}, deque([start])
    while todo:
        r = todo.popleft()
        for n in near[r]:
            if n not in seen:
                seen[n] = seen[r] + 1
                todo.append(n)
    return seen


hops = {r: hops_from(r) for r in regions}
FAR = 4


def price(a, table):
    """Hops from home or an interest region to the nearest of the table's
    regions (capped), and 0.001 more at an interest region's table."""
    own = [a["region"]] + list(a.get("interest_regions") or [])
    d = min(min(hops[o].get(t, FAR) for o in own) for t in table["regions"])
    d = min(d, FAR)
    if d == 0 and a["region"] not in table["regions"]:
        return 0.001
    return d


def org_key(a):
    return " ".join(unicodedata.normalize("NFKC", a.get("organization") or "").casefold().split())


people = {a["id"]: a for a in plan["attendees"]}
free = 0
for session in plan["sessions"]:
    if session["kind"] != "exchange" or session["status"] != "optimal":
        continue
    tables = session["tables"]
    at = {m: t for t in tables for m in t["members"]}
    orgs = {id(t): [org_key(people[m]) for m in t["members"]] for t in tables}

    def movable(a, ta, tb):
        k = org_key(a)
        alone = not k or (orgs[id(ta)].count(k) == 1 and k not in orgs[id(tb)])
        return alone and not a.get("pins") and not a.get("together") and not a.get("apart")

    ids = sorted(at)
    for i, x in enumerate(ids):
        a, ta = people[x], at[x]
        for y in ids[i + 1:]:
            b, tb = people[y], at[y]
            if ta is tb or a["profession"] != b["profession"] or a["experience"] != b["experience"]:
                continue
            if not movable(a, ta, tb) or not movable(b, tb, ta):
                continue
            before = price(a, ta) + price(b, tb)
            after = price(a, tb) + price(b, ta)
            if after < before - 1e-9:
                free += 1
                print("%s: %s (table %s) <-> %s (table %s): %.3f -> %.3f"
                      % (session["id"], x, ta["id"], y, tb["id"], before, after))
print("free improving swaps: %d" % free)
