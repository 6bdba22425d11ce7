"""web_roles.py URL SAMPLE DATA_DIR - roles and the running order through
tsunagu serve's API (tests/scripts/test_web_roles.sh).

  * The plan the page reads holds every group's roles and the sharing
    session's running order; the page's print view has the MC's sheet.
  * POST role gives someone a role of their group: If-Match like every
    write (a stale revision is refused, 409, nothing stored); a role a hard
    rule forbids is refused (422, the rule named, nothing stored); else a
    new plan version with the swap, and the history says so.
  * Cancelling a facilitator at the desk answers with the note of who chairs
    now; the group has one.
  * The sharing session's settings (minutes, order) are saved from the page
    and the next plan's running order follows them.

Every check runs even after one failed; exit 1 when any failed."""
import json
import os
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from web_client import Checks, Client  # noqa: E402

url, sample, data_dir = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]


check = Checks()
failures = check.failures
call = Client(url, timeout=60).call


def event(eid):
    return call("GET", f"/api/events/{eid}")[1]


def revision(eid):
    return event(eid).get("revision", 0)


def plan(eid):
    return call("GET", f"/api/events/{eid}/plan.json")[1]


def files(eid):
    folder = os.path.join(data_dir, "events", eid)
    return {n: open(os.path.join(folder, n), "rb").read() for n in sorted(os.listdir(folder))}


def solve(eid, what, **body):
    status, doc, _ = call("POST", f"/api/events/{eid}/solve", body, base=revision(eid))
    check(status == 202, f"{what}: solve answered {status} {doc}")
    for _ in range(1200):
        job = call("GET", f"/api/events/{eid}/job")[1]
        if job.get("state") not in ("queued", "running"):
            break
        time.sleep(0.1)
    check(job.get("state") == "done", f"{what}: the solve ended {job.get('state')}: {job}")


def group_of(p, aid):
    return next(t for t in p["sessions"][1]["tables"] if aid in t["members"])


status, doc, _ = call("POST", "/api/events?name=attendees.csv", raw=open(sample, "rb").read())
assert status == 201, (status, doc)
eid = doc["id"]
solve(eid, "the first plan")
p = plan(eid)
people = {a["id"]: a for a in p["attendees"]}
check(all(set(t.get("roles", {})) == {"facilitator", "recorder", "presenter"} for t in p["sessions"][1]["tables"]),
      "a group without its three roles")
check(len(p["sessions"][2].get("presentations", [])) == len(p["sessions"][1]["tables"]),
      "the running order does not list every group")
status, _, html = call("GET", f"/api/events/{eid}/print.html")
check(status == 200 and "進行表" in html.decode(), "no MC's sheet in the print view")

# someone who holds no role in their group; a newcomer anywhere
g = p["sessions"][1]["tables"][0]
free = [m for m in g["members"] if m not in g["roles"].values()]
newcomer = [m for t in p["sessions"][1]["tables"] for m in t["members"] if people[m]["experience"] == "planning"]
rev = revision(eid)
before = files(eid)
status, doc, _ = call("POST", f"/api/events/{eid}/role", {"attendee": free[0], "session": "afternoon",
                                                          "role": "presenter"}, base=rev - 1)
check(status == 409 and doc.get("conflict"), f"a stale role change answered {status}, expected 409")
check(files(eid) == before, "a stale role change stored something")
status, doc, _ = call("POST", f"/api/events/{eid}/role", {"attendee": newcomer[0], "session": "afternoon",
                                                          "role": "facilitator"}, base=rev)
said = " ".join(d.get("text", "") for d in doc.get("diags", []))
check(status == 422 and "経験のある人が担う" in said, f"a newcomer as facilitator answered {status} {doc}")
check(files(eid) == before, "a refused role change stored something")
status, doc, _ = call("POST", f"/api/events/{eid}/role", {"attendee": free[0], "session": "afternoon",
                                                          "role": "presenter"}, base=rev)
check(status == 200 and doc.get("revision") == rev + 1, f"a role change answered {status} {doc}")
q = plan(eid)
check(group_of(q, free[0])["roles"]["presenter"] == free[0], "the new presenter is not in the plan")
turn = next(x for x in q["sessions"][2]["presentations"] if x["group"] == g["id"])
check(turn["presenter"] == free[0], "the running order names the old presenter")
history = call("GET", f"/api/events/{eid}/history")[1].get("entries", [])
check(history and "役割「presenter」" in history[0].get("text", ""), f"the history says {history[:1]}")

# the desk cancels a facilitator: another member chairs, and the page is told
fac = group_of(q, free[0])["roles"]["facilitator"]
status, doc, _ = call("POST", f"/api/events/{eid}/remove", {"attendee": fac}, base=revision(eid))
notes = " ".join(n.get("text", "") for n in doc.get("notes", []))
check(status == 200 and "司会 は" in notes, f"the cancellation's notes: {status} {doc}")
r = plan(eid)
new_fac = next(t for t in r["sessions"][1]["tables"] if t["id"] == g["id"])["roles"]["facilitator"]
check(new_fac not in (None, fac), f"group {g['id']} has no facilitator after the cancellation")

# the sharing session's settings from the page: 5 + 1 minutes, alternating
settings = event(eid)["settings"]
settings["sessions"][2]["presentations"].update(minutes=5, qa_minutes=1, order="alternate")
status, doc, _ = call("PUT", f"/api/events/{eid}/settings", settings, base=revision(eid))
check(status == 200, f"saving the sharing settings answered {status} {doc}")
solve(eid, "the plan with the new order")
turns = plan(eid)["sessions"][2]["presentations"]
check([t["start"] for t in turns[:2]] == ["15:20", "15:26"], f"the new order's times: {turns[:2]}")
check([t["group"].split("-")[0] for t in turns[:2]] == ["MSW", "CSS"], f"the order does not alternate: {turns[:2]}")

if failures:
    sys.exit(1)
print("PASS")
