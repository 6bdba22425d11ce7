#!/usr/bin/env python3
"""make_cases.py - write the inputs of the hostile golden cases.

Each case folder gets `args` and its input files; the expected `stdout`,
`stderr` and `status` are recorded with TSUNAGU_GOLDEN_UPDATE=1 and then
read by a person before they are committed (see README.md here).  Broken
files are made from the valid inputs in _inputs/ (cut short, a byte
changed, a key renamed) so each case differs from a good file in one way.

Run from anywhere: python3 tests/data/hostile/make_cases.py
"""
import csv
import io
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(HERE, "_inputs")
HEADER = "id,name,kana,profession,organization,region,interest_regions,experience\n"


def read(name, mode="r"):
    with open(os.path.join(INPUTS, name), mode) as f:
        return f.read()


def case(name, args, files):
    """Write one case folder: args and {file name: str or bytes}."""
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "args"), "w") as f:
        f.write(args + "\n")
    for fname, data in files.items():
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(os.path.join(d, fname), mode) as f:
            f.write(data)


def event(**changes):
    e = json.loads(read("event.json"))
    for k, v in changes.items():
        e[k] = v
    return e


def dumps(v):
    return json.dumps(v, ensure_ascii=False, indent=2) + "\n"


CHECK = "check --lang en"
# The plan goes to standard output: a case must not write into the source tree.
SOLVE = "solve --lang en ../_inputs/attendees.csv -o - --event"
CHART = "chart --lang en --format text"

# ---- attendee files ---------------------------------------------------------
good_json = read("attendees.json")
case("json-truncated", f"{CHECK} attendees.json", {"attendees.json": good_json[: len(good_json) // 2]})
case("json-invalid-utf8", f"{CHECK} attendees.json",
     {"attendees.json": good_json.encode().replace("市原".encode(), b"\xff\xfe\xfd", 1)})
case("json-duplicate-key", f"{CHECK} attendees.json",
     {"attendees.json": good_json.replace('"name": "', '"name": "（重複）", "name": "', 1)})
case("json-nul-escape", f"{CHECK} attendees.json",
     {"attendees.json": good_json.replace('"name": "', '"name": "\\u0000', 1)})
case("json-long-value", f"{CHECK} attendees.json",
     {"attendees.json": good_json.replace('"organization": "', '"organization": "' + "長" * 1400, 1)})
many = json.loads(good_json)
many[1].update({f"note{i}": "x" for i in range(300)})
case("json-too-many-keys", f"{CHECK} attendees.json", {"attendees.json": json.dumps(many, ensure_ascii=False, indent=1)})
upper = good_json.replace('"id"', '"ID"')
first = json.loads(upper)[0]["ID"]
case("json-id-key-case", f"{CHECK} attendees.json",
     {"attendees.json": upper.replace(f'"ID": "{json.loads(upper)[1]["ID"]}"', f'"ID": "{first}"', 1)})
case("json-not-array", f"{CHECK} attendees.json", {"attendees.json": '{"name": "佐藤"}\n'})
case("json-empty-array", f"{CHECK} attendees.json", {"attendees.json": "[]\n"})

good_csv = read("attendees.csv")
case("csv-utf16", f"{CHECK} attendees.csv", {"attendees.csv": good_csv.encode("utf-16")})
case("csv-nul-byte", f"{CHECK} attendees.csv",
     {"attendees.csv": good_csv.encode().replace(b"\n", b"\n\x00", 3).replace(b"\n\x00", b"\n", 2)})
case("csv-bom-only", f"{CHECK} attendees.csv", {"attendees.csv": b"\xef\xbb\xbf"})
case("csv-blank-lines-only", f"{CHECK} attendees.csv", {"attendees.csv": "\r\n \n\t\n"})
case("csv-duplicate-column", f"{CHECK} attendees.csv",
     {"attendees.csv": good_csv.replace("kana,", "氏名,", 1)})
case("csv-too-many-fields", f"{CHECK} attendees.csv",
     {"attendees.csv": HEADER.rstrip("\n") + ",note" * 300 + "\n"})
case("csv-quote-in-unquoted-field", f"{CHECK} attendees.csv",
     {"attendees.csv": good_csv.replace(",CSS,", ',"CSS"x,', 1)})
case("csv-unknown-interest-and-experience", f"{CHECK} attendees.csv",
     {"attendees.csv": good_csv.replace(",,experienced\n", ",東京;千葉,maybe\n", 1)})

# Valid but nasty: markup, quotes, commas and line breaks inside quoted
# fields, emoji (with joiners and flags), a right-to-left override,
# spreadsheet formula starts, a 1000-character organisation.  Must pass.
rows = list(csv.reader(io.StringIO(good_csv)))
nasty = {
    1: ("<script>alert('x')</script>", None),
    2: ('田中 "タナ" 花子', '医療法人社団, 千葉病院'),
    3: ("佐藤 😀 太郎", "千葉総合病院\n地域連携室"),
    4: ("👨‍👩‍👧 家族 🇯🇵", '=HYPERLINK("http://example.com","x")'),
    5: ("\u202eevil\u202c 名前", "+81-43-000-0000"),
    6: ("&amp; </td><b>太字</b>", "@SUM(A1:A9)"),
    7: ("ＭＳＷ　全角", "長" * 1000),
    8: ("tab\tinside", "-1"),
}
for i, (name, org) in nasty.items():
    rows[i][1] = name
    if org is not None:
        rows[i][4] = org
out = io.StringIO()
csv.writer(out, lineterminator="\r\n").writerows(rows)
nasty_csv = out.getvalue()
with open(os.path.join(INPUTS, "nasty.csv"), "w", newline="") as f:
    f.write(nasty_csv)
case("nasty-csv-valid", f"{CHECK} ../_inputs/nasty.csv", {})
nasty_json = []
for r in rows[1:]:
    nasty_json.append(dict(zip(rows[0], r)))
case("nasty-json-valid", f"{CHECK} attendees.json",
     {"attendees.json": json.dumps(nasty_json, ensure_ascii=False, indent=1)})

# ---- event files (solve --event) ------------------------------------------
good_event = read("event.json")
case("event-truncated", f"{SOLVE} event.json", {"event.json": good_event[: len(good_event) * 2 // 3]})
case("event-empty", f"{SOLVE} event.json", {"event.json": ""})
case("event-invalid-utf8", f"{SOLVE} event.json",
     {"event.json": good_event.encode().replace("会".encode(), b"\xe4\xbc", 1)})
case("event-is-a-plan", f"{SOLVE} ../_inputs/plan.json", {})
case("event-duplicate-key", f"{SOLVE} event.json",
     {"event.json": good_event.replace('"version": 1,', '"version": 1,\n  "version": 1,', 1)})
e = event()
e["sessions"][1]["tracks"][1]["professions"] = ["CSS", "NURSE"]
case("event-unknown-profession", f"{SOLVE} event.json", {"event.json": dumps(e)})
e = event()
e["sessions"][0]["table_label"] = "卓%s%n"
case("event-bad-label", f"{SOLVE} event.json", {"event.json": dumps(e)})
e = event()
e["sessions"][0]["id"] = "../../morning"
e["sessions"][1]["tracks"][0]["id"] = "M" * 65
case("event-bad-ids", f"{SOLVE} event.json", {"event.json": dumps(e)})
# More attendees than seats: 24 people, 2 tables of at most 6 in the
# morning; 3 groups of at most 2 per track in the afternoon.
e = event()
e["sessions"][0]["tables"] = 2
e["sessions"][0]["size"] = {"min": 4, "max": 6}
case("event-too-few-seats", f"{SOLVE} event.json", {"event.json": dumps(e)})
e = event()
e["sessions"][1]["tables"] = 3
e["sessions"][1]["size"] = {"min": 1, "max": 2}
case("event-too-few-groups", f"{SOLVE} event.json", {"event.json": dumps(e)})
e = event()
e["sessions"][1]["tables"] = 500
case("event-too-many-groups", f"{SOLVE} event.json", {"event.json": dumps(e)})
e = event()
e["sessions"][0]["tables"] = 500
case("event-too-many-tables", f"{SOLVE} event.json", {"event.json": dumps(e)})
e = event()
e["sessions"][0]["rules"]["mix"]["sides"] = [["MSW"], ["CSS"]]
case("event-profession-on-no-side", f"{SOLVE} event.json", {"event.json": dumps(e)})
e = event()
e["sessions"][0]["rules"]["mix"]["sides"] = [["MSW"], ["CSS"], ["CENTER"]]
case("event-three-sides", f"{SOLVE} event.json", {"event.json": dumps(e)})
e = event(title="<b>つながろう会</b> 🎉 & \"交流\"")
e["sessions"][0]["table_label"] = "卓%d 🍵 <i>"
case("event-nasty-valid", f"{SOLVE} event.json", {"event.json": dumps(e)})

# ---- previous plans (solve --previous) ----------------------------------------
# other-event.plan.json was made from the same list with an event whose
# morning session is called "am" (tsunagu solve --event, title 別のイベント).
case("previous-other-event", "solve --lang en ../_inputs/attendees.csv -o - --event ../_inputs/event.json "
     "--previous ../_inputs/other-event.plan.json", {})
case("previous-truncated", "solve --lang en ../_inputs/attendees.csv -o - --previous plan.json",
     {"plan.json": read("plan.json")[:5000]})
case("previous-is-attendees", "solve --lang en ../_inputs/attendees.csv -o - --previous ../_inputs/attendees.json", {})

# Ids of 500 bytes named in `together` and `apart`: the seating types' keys
# are built from ids (src/model), once in a 512-byte stack buffer that this
# overflowed.  Two ids share their first 500 bytes, so a key cut short would
# also merge two people into one type.  The plan goes to stdout, unchecked
# here (timings); test_long_keys.sh checks such plans with the checker.
rows = list(csv.reader(io.StringIO(read("attendees.csv"))))
long1, long2 = "L" * 500 + "-one", "L" * 500 + "-two"
out = [rows[0] + ["together", "apart"]]
for i, r in enumerate(rows[1:]):
    extra = {0: [rows[5][0], ""], 1: ["", long1], 2: ["", long1], 3: [long2, ""]}.get(i, ["", ""])
    if i == 0:
        r[0] = long1
    if i == 2:
        r[0] = long2
    out.append(r + extra)
buf = io.StringIO()
csv.writer(buf, lineterminator="\n").writerows(out)
case("csv-long-id-in-request", "solve --lang en attendees.csv -o -", {"attendees.csv": buf.getvalue()})
os.makedirs(os.path.join(HERE, "..", "..", "..", "fuzz", "seeds", "roster_csv"), exist_ok=True)
with open(os.path.join(HERE, "..", "..", "..", "fuzz", "seeds", "roster_csv", "long-id-in-request.csv"), "w") as f:
    f.write(buf.getvalue())

# ---- plan files (chart) -----------------------------------------------------
good_plan = read("plan.json")
case("plan-truncated", f"{CHART} plan.json", {"plan.json": good_plan[: len(good_plan) - 200]})
case("plan-empty", f"{CHART} plan.json", {"plan.json": ""})
case("plan-invalid-utf8", f"{CHART} plan.json",
     {"plan.json": good_plan.encode().replace("テーブル".encode(), b"\xc3\x28", 1)})
case("plan-is-an-event", f"{CHART} ../_inputs/event.json", {})
case("plan-is-attendees", f"{CHART} ../_inputs/attendees.json", {})
p = json.loads(good_plan)
ids = [a["id"] for a in p["attendees"]]
p["sessions"][0]["tables"][0]["members"].append("NOBODY")
p["sessions"][1]["tables"][0]["members"].append(p["sessions"][1]["tables"][1]["members"][0])
case("plan-bad-members", f"{CHART} plan.json", {"plan.json": dumps(p)})
p = json.loads(good_plan)
p["attendees"][1]["id"] = p["attendees"][0]["id"]
p["input"]["sha256"] = "XYZ"
case("plan-duplicate-attendee", f"{CHART} plan.json", {"plan.json": dumps(p)})
p = json.loads(good_plan)
# what the attendee list would refuse, refused in the list's words (one
# reader: src/input/attendee_read.c) at the line of the value
p["attendees"][0]["profession"] = "MWS"
p["attendees"][1]["region"] = "火星"
p["attendees"][2]["interest_regions"] = ["千葉", "月"]
p["attendees"][3]["experience"] = "veteran"
p["attendees"][4]["organization"] = " "
del p["attendees"][5]["name"]
case("plan-attendee-fields", f"{CHART} plan.json", {"plan.json": dumps(p)})
p = json.loads(good_plan)
p["event"]["sessions"][0]["kind"] = "lecture"
case("plan-bad-event", f"{CHART} plan.json", {"plan.json": dumps(p)})
case("plan-nasty-valid-text", f"{CHART} ../_inputs/nasty.plan.json", {})
case("plan-nasty-valid-csv", "chart --lang en --format csv ../_inputs/nasty.plan.json", {})

# ---- the command line --------------------------------------------------------
case("lang-before-command", "--lang en help diff", {})

print("cases written; record expectations with TSUNAGU_GOLDEN_UPDATE=1 and read them")
