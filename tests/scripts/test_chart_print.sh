#!/bin/sh
# test_chart_print.sh TSUNAGU SRCDIR SCRATCH - the 100-person sample
# (data/samples/attendees.csv, the bundled event) printed to PDF with
# headless Chromium and read back with poppler-utils:
#   - room maps: ceil(N/12) pages a session, the tables spread evenly
#     (13: 7 + 6, 15: 8 + 7; never a page of one table when avoidable),
#     every table on one page, each map one page (nothing spills);
#   - no text overflows: every word inside the page's margins, and in the
#     browser (tests/scripts/print_check.js) each table's id and place
#     inside its circle, no names of two tables running into each other,
#     no element of the other sections wider than the page (also for
#     the hostile plan of tests/data/hostile);
#   - a table of all nine Chiba regions (Japanese and English): every
#     region's name is text of the map's SVG, and it still fits;
#   - --roster-per-page: one page per table or group, each holding that
#     roster alone; newcomers (これから) marked on their own rows only;
#   - the reception list: a 受付 column, everyone on it, the groups in
#     larger type than the rest;
#   - the web page's print view offers the same (?roster_per_page=1).
# Skipped (exit 77) when chromium, poppler-utils or python3 are missing.
# ctest-labels: chromium
set -u
bin=$1
src=$2
s=$3
. "$src/tests/scripts/lib.sh"
keep_going=1

chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "SKIPPED: chromium is not installed (Debian: apt install chromium)"; exit 77; }
for tool in pdftotext pdfinfo python3; do
    command -v $tool >/dev/null || { echo "SKIPPED: $tool is not installed"; exit 77; }
done
rm -rf "$s" && mkdir -p "$s" || exit 2
profile=$(mktemp -d) || exit 2
trap 'rm -rf "$profile"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null' EXIT

browser() {
    timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" 2>>"$s/chromium.log"
}
# pdf HTML PDF: print HTML to PDF as a browser's "print" does (A4, no header).
pdf() {
    browser --no-pdf-header-footer --print-to-pdf="$2" "file://$1" >/dev/null
    [ -s "$2" ] || { cat "$s/chromium.log"; fail "chromium wrote no $2"; exit 1; }
}
# overflow HTML: the browser's measures of a copy of HTML with the check
# added (the chart's policy forbids scripts; the copy drops it), as wide
# as a portrait A4 page's text (186 mm) plus the screen margins.
overflow() {
    copy=${1%.html}.check.html
    sed -e 's|<meta http-equiv="Content-Security-Policy"[^>]*>||' -e 's|</body>||' -e 's|</html>||' "$1" >"$copy"
    { echo '<script>'; cat "$src/tests/scripts/print_check.js"; echo '</script></body></html>'; } >>"$copy"
    browser --window-size=763,1000 --virtual-time-budget=10000 --dump-dom "file://$copy" |
        python3 -c 'import html, re, sys
m = re.findall(r"<pre id=\"overflow\">(.*?)</pre>", sys.stdin.read(), re.S)
print(html.unescape(m[-1]) if m else "the check did not run")'
}

plan=$s/plan.json
"$bin" solve "$src/data/samples/attendees.csv" -o "$plan" --html "$s/plan.html" -t 60 >"$s/solve.out" 2>&1 ||
    { cat "$s/solve.out"; fail "solve failed"; exit 1; }
"$bin" chart "$plan" --roster-per-page -o "$s/sheets.html" 2>"$s/sheets.err" ||
    fail "chart --roster-per-page: $(cat "$s/sheets.err")"
pdf "$s/plan.html" "$s/plan.pdf"
[ -s "$s/sheets.html" ] && pdf "$s/sheets.html" "$s/sheets.pdf"

# Text and word boxes of every page, read by the checks below.
for f in plan sheets; do
    [ -s "$s/$f.pdf" ] || continue
    pdftotext -layout "$s/$f.pdf" "$s/$f.txt"
    pdftotext -bbox "$s/$f.pdf" "$s/$f.bbox.html"
done

python3 - "$s" <<'PY' || fail "the printed pages"
import json, math, os, re, statistics, sys
s = sys.argv[1]
plan = json.load(open(f"{s}/plan.json", encoding="utf-8"))
people = {a["id"]: a for a in plan["attendees"]}
bad = []
squash = lambda t: re.sub(r"[\s\u3000]+", "", t)

def pages(name):
    """Per page: (width, height, words as (text, x1, y1, x2, y2)), and its -layout text."""
    if not os.path.exists(f"{s}/{name}.pdf"):
        return []
    box = open(f"{s}/{name}.bbox.html", encoding="utf-8").read()
    texts = open(f"{s}/{name}.txt", encoding="utf-8").read().split("\f")
    out = []
    for i, m in enumerate(re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', box, re.S)):
        words = [(w[4], *map(float, w[:4])) for w in
                 re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', m.group(3))]
        out.append((float(m.group(1)), float(m.group(2)), words, texts[i] if i < len(texts) else ""))
    return out

printed = pages("plan")
sheets = pages("sheets")

# Every word within the page's margins (12 mm portrait, 8 mm landscape).
for name, doc in (("plan", printed), ("sheets", sheets)):
    for n, (w, h, words, _) in enumerate(doc, 1):
        margin = (8 if w > h else 12) / 25.4 * 72 - 3
        for text, x1, y1, x2, y2 in words:
            if x1 < margin or x2 > w - margin:
                bad.append(f"{name}.pdf page {n}: '{text}' runs past the margin ({x1:.0f}..{x2:.0f} of {w:.0f})")

# Room maps.
html = open(f"{s}/plan.html", encoding="utf-8").read()
map_sections = html.count('<section class="map')
map_pages = [n for n, p in enumerate(printed) if "会場図:" in p[3]]
if len(map_pages) != map_sections:
    bad.append(f"{len(map_pages)} printed pages show a room map, for {map_sections} maps in the HTML (spilled?)")
# What a circle prints large: a table's id (its number), a group's own name
# (the last word of its label, グループA; the track's part is the place).
number = lambda t: t["label"].split()[-1] if t.get("track") else t["id"]
for sess in plan["sessions"]:
    ids = [number(t) for t in sess["tables"]]
    n = len(ids)
    want = math.ceil(n / 12)
    mine = [k for k in map_pages if squash(sess["title"]) in squash(printed[k][3])]
    sizes, seen = [], []
    for k in mine:
        words = printed[k][2]
        tall = statistics.median(y2 - y1 for _, _, y1, _, y2 in words)
        # a table's id is the big text in its circle
        here = [t for t, x1, y1, x2, y2 in words if t in ids and y2 - y1 > 1.5 * tall]
        sizes.append(len(here))
        seen += here
    if len(mine) != want:
        bad.append(f"{sess['id']}: {n} tables on {len(mine)} map pages, expected {want}")
    if sorted(seen) != sorted(ids):
        bad.append(f"{sess['id']}: tables on the map pages {sorted(seen)}, expected each of {sorted(ids)} once")
    if sizes and max(sizes) - min(sizes) > 1:
        bad.append(f"{sess['id']}: {n} tables printed {sizes} a page, not spread evenly")
    if n > 1 and sizes and min(sizes) < 2:
        bad.append(f"{sess['id']}: a map page holds a single table ({sizes})")
    print(f"{sess['id']}: {n} tables, map pages {sizes}")

# Reception list: a 受付 column, everyone, the groups in large type.
rec = [p for p in printed if re.search(r"受付\s+ふりがな", p[3])]
if not rec:
    bad.append("no reception page with a 受付 column")
text = squash("".join(p[3] for p in rec))
missing = [a["name"] for a in plan["attendees"] if squash(a["name"]) not in text]
if missing:
    bad.append(f"not on the reception list: {missing[:5]}")
groups = {number(t) for sess in plan["sessions"] for t in sess["tables"] if t.get("track")}
for n, p in enumerate(rec, 1):
    words = p[2]
    tall = statistics.median(y2 - y1 for _, _, y1, _, y2 in words)
    seats = [y2 - y1 for t, _, y1, _, y2 in words if t in groups]
    if not seats or statistics.median(seats) < 1.4 * tall:
        bad.append(f"reception page {n}: groups not in large type ({seats[:3]} against {tall:.1f})")

# One roster per page: each page one table or group, newcomers marked.
label_re = {t["label"]: re.compile(r"^\s*" + r"\s*".join(map(re.escape, t["label"].split())) + r"(\s|$)", re.M)
            for sess in plan["sessions"] for t in sess["tables"]}
members = {t["label"]: t["members"] for sess in plan["sessions"] for t in sess["tables"]}
roles = {t["label"]: t.get("roles") for sess in plan["sessions"] for t in sess["tables"]}
role_label = {r["id"]: squash(r["label"]) for sess in plan["event"]["sessions"] for r in sess.get("roles", [])}
roster_pages = [p for p in sheets if "進行役用名簿" in p[3]]
if sheets and len(roster_pages) != len(label_re):
    bad.append(f"--roster-per-page: {len(roster_pages)} roster pages for {len(label_re)} tables and groups")
done = set()
for n, p in enumerate(roster_pages, 1):
    labels = [l for l, r in label_re.items() if r.search(p[3])]
    if len(labels) != 1:
        bad.append(f"--roster-per-page: roster page {n} holds {labels}")
        continue
    done.add(labels[0])
    lines = [squash(l) for l in p[3].splitlines()]
    # namesakes (two 宍倉 和也 of the sample) may share a table: the rows of
    # a name hold as many これから marks as its people are newcomers
    want = {}
    for pid in members[labels[0]]:
        a = people[pid]
        name, kana = squash(a["name"]), squash(a.get("kana", ""))
        held = [role_label[r] for r, w in (roles.get(labels[0]) or {}).items() if w == pid]
        # the name, its role mark (a group's 司会, ...), then the reading
        key = name + "".join(held) + kana
        count, newcomers = want.get(key, (0, 0))
        want[key] = (count + 1, newcomers + (a.get("experience") == "planning"))
    for key, (count, newcomers) in want.items():
        rows = [l for l in lines if key in l]
        if len(rows) < count:
            bad.append(f"roster {labels[0]}: {len(rows)} rows for {count} × {key}")
        elif sum("これから" in r for r in rows) != newcomers:
            bad.append(f"roster {labels[0]}: {key}: {newcomers} newcomers, marked: {rows}")
if sheets and len(done) != len(label_re):
    bad.append(f"--roster-per-page: no page for {sorted(set(label_re) - done)}")
newcomers = sum(a.get("experience") == "planning" for a in plan["attendees"])
print(f"{len(roster_pages)} roster pages, {newcomers} newcomers")
if not newcomers:
    bad.append("the sample has no newcomer to mark")

for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY

# No overflow in the browser: the sample, its sheets, and a table of all
# nine regions in both languages.
python3 - "$plan" "$s/nine.json" <<'PY' || fail "cannot write the nine-region plan"
import json, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
nine = [r["name"] for r in plan["regions"]["regions"]]
assert len(nine) == 9, nine
plan["sessions"][0]["tables"][0]["regions"] = nine
json.dump(plan, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
"$bin" chart "$s/nine.json" -o "$s/nine.html" || fail "chart of nine regions"
"$bin" chart "$s/nine.json" --lang en -o "$s/nine-en.html" || fail "chart of nine regions (en)"
# and the hostile plan's names and organisations (long, unbreakable, emoji)
nasty=$src/tests/data/hostile/_inputs/nasty.plan.json
"$bin" chart "$nasty" --directory -o "$s/nasty.html" || fail "chart of the hostile plan"
"$bin" chart "$nasty" --roster-per-page --lang en -o "$s/nasty-en.html" || fail "chart of the hostile plan (en)"
for f in plan sheets nine nine-en nasty nasty-en; do
    [ -s "$s/$f.html" ] || continue
    report=$(overflow "$s/$f.html")
    [ "$report" = ok ] || fail "$f.html overflows:
$report"
done
# Every region's name is text of the first map's SVG.
python3 - "$s" <<'PY' || fail "a region of the nine is missing from the map"
import html, json, re, sys
s = sys.argv[1]
regions = json.load(open(f"{s}/nine.json", encoding="utf-8"))["regions"]["regions"]
for name, key in (("nine", "name"), ("nine-en", "name_en")):
    doc = open(f"{s}/{name}.html", encoding="utf-8").read()
    svg = re.search(r"<svg.*?</svg>", doc, re.S).group(0)
    text = html.unescape("".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)))
    lost = [r[key] for r in regions if r[key] not in text]
    if lost:
        print(f"FAIL: {name}.html: the map's SVG lacks {lost}")
        sys.exit(1)
PY

# The web page's print view: ?roster_per_page=1 gives each table a sheet.
start_server "$s/data" "$s"
python3 - "$url" "$src/data/samples/attendees.csv" <<'PY' || fail "the web page's print view has no roster per page"
import json, sys, time, urllib.request
url, path = sys.argv[1], sys.argv[2]
def call(method, p, body=None):
    req = urllib.request.Request(url + p, data=body, method=method, headers={"X-Tsunagu": "1", "If-Match": "*"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, r.read()
status, body = call("POST", "api/events?name=attendees.csv", open(path, "rb").read())
eid = json.loads(body)["id"]
assert call("POST", f"api/events/{eid}/solve", b"{}")[0] == 202
while json.loads(call("GET", f"api/events/{eid}/job")[1])["state"] in ("queued", "running"):
    time.sleep(0.1)
plan = json.loads(call("GET", f"api/events/{eid}/plan.json")[1])
tables = sum(len(x["tables"]) for x in plan["sessions"])
one = call("GET", f"api/events/{eid}/print.html?roster_per_page=1")[1].decode()
plain = call("GET", f"api/events/{eid}/print.html")[1].decode()
assert one.count('<section class="rosters sheet') == tables, (one.count('<section class="rosters sheet'), tables)
assert plain.count('<section class="rosters sheet') == 0
app = call("GET", "app.js")[1].decode()
assert "roster_per_page" in app, "the page offers no link to it"
PY

finish "printed-chart"
