#!/bin/sh
# test_badges_print.sh TSUNAGU SRCDIR SCRATCH - name badges printed to PDF
# with headless Chromium and read back with poppler-utils:
#   - the 100-person sample (solve --badges, the default 10-up layout), a
#     600-person generated list (tools/gen --count 600) and a list of
#     hostile names (a 40-character organisation, an 80-letter one, a
#     long Latin name, ambiguous-width signs, an organiser, a walk-in
#     added at the desk), and the sample on the 8-up and business-card
#     layouts: ceil(N / labels a sheet) pages; every attendee's name on
#     them; every word inside a label of the layout; the badges in the
#     reception list's order (the CSV's, which shares it);
#   - no text overflows its box in the browser (tests/scripts/print_check.js:
#     each text's scrollWidth and lines against its box, each box inside its
#     badge), also for the hostile plan of tests/data/hostile; the hostile
#     names shrink (smaller than a plain name) and stay in;
#   - the table numbers of the sample in type of at least 14 mm; organisers
#     without seat boxes; --lang en; --only-changed prints the walk-in alone;
#   - the web page offers 名札を印刷 and serves the badges of the current plan
#     (badges.html, ?layout=a4-8; a path as layout is refused).
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
pdf() {
    browser --no-pdf-header-footer --print-to-pdf="$2" "file://$1" >/dev/null
    [ -s "$2" ] || { cat "$s/chromium.log"; fail "chromium wrote no $2"; }
}
# overflow HTML: what print_check.js finds in a copy of HTML with it added
# (the badges' policy forbids scripts; the copy drops it).
overflow() {
    copy=${1%.html}.check.html
    sed -e 's|<meta http-equiv="Content-Security-Policy"[^>]*>||' -e 's|</body>||' -e 's|</html>||' "$1" >"$copy"
    { echo '<script>'; cat "$src/tests/scripts/print_check.js"; echo '</script></body></html>'; } >>"$copy"
    browser --window-size=900,1200 --virtual-time-budget=20000 --dump-dom "file://$copy" |
        python3 -c 'import html, re, sys
m = re.findall(r"<pre id=\"overflow\">(.*?)</pre>", sys.stdin.read(), re.S)
print(html.unescape(m[-1]) if m else "the check did not run")'
}

# The lists: the sample, 600 generated, and hostile names on the sample.
python3 "$src/tools/gen" --count 600 --seed 15 -o "$s/g600.csv" || fail "tools/gen"
cp "$src/data/samples/attendees.csv" "$s/hostile.csv"
cat >>"$s/hostile.csv" <<'EOF'
X0001,事務局　長谷川　美智子,ハセガワ　ミチコ,OTHER,千葉県小児在宅医療ネットワーク拠点事務局,千葉,,experienced
X0002,Maximiliana Wolfeschlegelsteinhausenbergerdorff,マクシミリアーナ　ウォルフェシュレーゲルシュタインハウゼンベルガードルフ,MSW,国立研究開発法人国立成育医療研究センター小児在宅医療連携推進室地域連携担当窓口係,千葉,,experienced
X0003,勅使河原　左衛門三郎兵衛之助,てしがわら　さえもんさぶろうひょうえのすけ,CSS,社会福祉法人千葉県福祉援護会障害者相談支援事業所ほっとステーション船橋,東葛南部,,experienced
X0004,WWWWWWWWWWWWWWWWWWWW MMMMMMMMMMMMMMMMMM,ダブリュー,CSS,WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW,東葛北部,,experienced
X0005,山田 ①②③ ○△□,ヤマダ,CENTER,ΑΒΓΔΕΖΗΘ相談室 Москва,市原,,experienced
X0006,事務局　佐藤,ジムキョク　サトウ,OTHER,主催,千葉,,experienced
EOF
for list in sample g600 hostile; do
    in=$s/$list.csv
    [ $list = sample ] && in=$src/data/samples/attendees.csv
    "$bin" solve "$in" -o "$s/$list.json" --badges "$s/$list.html" -t 60 >"$s/$list.out" 2>&1 ||
        { cat "$s/$list.out"; fail "solve $list failed"; }
done
# a walk-in at the desk, and the badges again; only hers with --only-changed
cp "$s/hostile.json" "$s/hostile-before.json"
"$bin" add "$s/hostile.json" --name "飛込　花子" --kana "とびこみ　はなこ" --profession MSW \
    --organization 船橋中央病院 --region 船橋市 >"$s/add.out" 2>&1 || fail "add: $(cat "$s/add.out")"
"$bin" chart "$s/hostile.json" --format badges -o "$s/hostile.html" || fail "chart --format badges"
"$bin" chart "$s/hostile.json" --format badges --only-changed "$s/hostile-before.json" \
    -o "$s/walkin.html" || fail "chart --format badges --only-changed"
"$bin" chart "$s/sample.json" --format badges --badge-layout a4-8 -o "$s/eight.html" || fail "a4-8"
"$bin" chart "$s/sample.json" --format badges --badge-layout a4-10-meishi -o "$s/meishi.html" ||
    fail "a4-10-meishi"
"$bin" chart "$s/sample.json" --format badges --lang en -o "$s/english.html" || fail "--lang en"
# and the hostile plan's names (a 1,000-character organisation, control
# characters, emoji, a right-to-left override), held to their boxes only
nasty=$src/tests/data/hostile/_inputs/nasty.plan.json
"$bin" chart "$nasty" --format badges -o "$s/nasty.html" || fail "badges of the hostile plan"
"$bin" chart "$nasty" --format badges --badge-layout a4-8 --lang en -o "$s/nasty-en.html" ||
    fail "badges of the hostile plan (en)"
for f in nasty nasty-en; do
    report=$(overflow "$s/$f.html")
    [ "$report" = ok ] || fail "$f.html overflows:
$(echo "$report" | head -20)"
done
# the reception list's order, as the CSV has it
"$bin" chart "$s/sample.json" --format csv -o "$s/order-sample.csv" || fail "csv"
"$bin" chart "$s/g600.json" --format csv -o "$s/order-g600.csv" || fail "csv"
"$bin" chart "$s/hostile.json" --format csv -o "$s/order-hostile.csv" || fail "csv"

for f in sample g600 hostile eight meishi english walkin; do
    [ -s "$s/$f.html" ] || { fail "no $f.html"; continue; }
    pdf "$s/$f.html" "$s/$f.pdf"
    pdftotext -raw "$s/$f.pdf" "$s/$f.txt"
    pdftotext -bbox "$s/$f.pdf" "$s/$f.bbox.html"
    report=$(overflow "$s/$f.html")
    [ "$report" = ok ] || fail "$f.html overflows:
$(echo "$report" | head -20)"
done

python3 - "$s" "$src" <<'PY' || fail "the printed badges"
import csv, html, json, math, re, sys, unicodedata
s, src = sys.argv[1], sys.argv[2]
bad = []
# pdftotext may give a compatibility ideograph (U+F9F4 for 林): compare NFKC
squash = lambda t: re.sub(r"[\s\u3000]+", "", unicodedata.normalize("NFKC", t))
MM = 72 / 25.4

def layout(name):
    return json.load(open(f"{src}/data/badges/{name}.json", encoding="utf-8"))

def pages(name):
    box = open(f"{s}/{name}.bbox.html", encoding="utf-8").read()
    out = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', box, re.S):
        words = [(html.unescape(w[4]), *map(float, w[:4])) for w in
                 re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', m.group(3))]
        out.append(words)
    return out

def labels(l):
    """The labels' rectangles in points."""
    rects = []
    for r in range(l["rows"]):
        for c in range(l["columns"]):
            x = l["margin"]["left"] + c * (l["label"]["width"] + l.get("gap", {}).get("column", 0))
            y = l["margin"]["top"] + r * (l["label"]["height"] + l.get("gap", {}).get("row", 0))
            rects.append((x * MM, y * MM, (x + l["label"]["width"]) * MM, (y + l["label"]["height"]) * MM))
    return rects

def check(name, plan_name, layout_name, people=None):
    plan = json.load(open(f"{s}/{plan_name}.json", encoding="utf-8"))
    everyone = plan["attendees"] if people is None else [a for a in plan["attendees"] if a["id"] in people]
    l = layout(layout_name)
    per = l["columns"] * l["rows"]
    doc = pages(name)
    want = math.ceil(len(everyone) / per)
    if len(doc) != want:
        bad.append(f"{name}: {len(doc)} pages for {len(everyone)} badges, {per} a sheet: expected {want}")
    text = squash(open(f"{s}/{name}.txt", encoding="utf-8").read())
    lost = [a["name"] for a in everyone if squash(a["name"]) not in text]
    if lost:
        bad.append(f"{name}: names not printed: {lost[:5]}")
    rects = labels(l)
    # a word's box is as tall as its font's bounding box (Chromium's Type 3
    # fonts: far taller than the glyphs), so its middle is held to the label
    for n, words in enumerate(doc, 1):
        for w, x1, y1, x2, y2 in words:
            y = (y1 + y2) / 2
            if not any(x1 >= r[0] - 0.5 and x2 <= r[2] + 0.5 and r[1] <= y <= r[3] for r in rects):
                bad.append(f"{name}.pdf page {n}: '{w[:30]}' ({x1:.0f},{y1:.0f})-({x2:.0f},{y2:.0f}) is on no label")
                break
    doc_html = open(f"{s}/{name}.html", encoding="utf-8").read()
    ids = re.findall(r'<div class="badge[^"]*" style="[^"]*" data-id="([^"]*)"', doc_html)
    if people is None:
        order = [row[0] for row in csv.reader(open(f"{s}/order-{plan_name}.csv", encoding="utf-8-sig"))][1:]
        if ids != order:
            bad.append(f"{name}: badges not in the reception list's order ({ids[:3]} against {order[:3]})")
    elif sorted(ids) != sorted(people):
        bad.append(f"{name}: badges {ids}, expected {sorted(people)}")
    print(f"{name}: {len(ids)} badges on {len(doc)} pages")
    return doc_html

sample = check("sample", "sample", "a4-10")
check("g600", "g600", "a4-10")
hostile = check("hostile", "hostile", "a4-10")
check("eight", "sample", "a4-8")
check("meishi", "sample", "a4-10-meishi")
english = check("english", "sample", "a4-10")
walkin = check("walkin", "hostile", "a4-10", people={"W001"})

def badge(doc, pid):
    m = re.search(r'data-id="' + re.escape(pid) + r'">(.*?)\n</div>\n', doc, re.S)
    return m.group(1) if m else ""

def size(part, cls):
    m = re.search(r'<div class="' + cls + r'" style="font-size:([\d.]+)mm', part)
    return float(m.group(1)) if m else None

# Numbers at arm's length: every table and group of the sample at 14 mm or more.
nums = [float(x) for x in re.findall(r'class="num" style="font-size:([\d.]+)mm', sample)]
if not nums or min(nums) < 14.0:
    bad.append(f"sample: table numbers in type of {min(nums or [0]):.1f} mm, under 14 mm")
# Hostile names shrink, and organisers have no seat boxes.
plain = badge(hostile, "A0001")
for pid, cls in (("X0002", "name"), ("X0002", "org"), ("X0003", "org"), ("X0004", "name"), ("X0004", "org")):
    got, usual = size(badge(hostile, pid), cls), size(plain, cls)
    if got is None or usual is None or got >= usual:
        bad.append(f"hostile {pid}: the {cls} did not shrink ({got} mm against {usual} mm)")
for pid in ("X0001", "X0006"):
    b = badge(hostile, pid)
    if 'class="seat"' in b or not b:
        bad.append(f"hostile {pid} (an organiser): {'seat boxes on the badge' if b else 'no badge'}")
if 'class="seat"' not in badge(hostile, "W001"):
    bad.append("the walk-in W001 has no seats on her badge")
# Groups as the signs name them: a person of MSW-B reads "MSW グループ"
# over a large "B" (the sign: MSW / グループB), never the id MSW-B that no
# sign prints.
plan = json.load(open(f"{s}/sample.json", encoding="utf-8"))
for a in plan["attendees"][:40]:
    group = a.get("seats", {}).get("afternoon")
    if not group:
        continue
    track, letter = group.split("-", 1)
    label = next(t["label"] for t in next(x for x in plan["sessions"] if x["id"] == "afternoon")["tables"]
                 if t["id"] == group)
    b = badge(sample, a["id"])
    nums = re.findall(r'class="num" style="[^"]*">([^<]*)</div>', b)
    caps = re.findall(r'class="cap" style="[^"]*">([^<]*)', b)
    head = label[: label.rfind("グループ")].strip()
    if letter not in nums or group in nums or not any(c.startswith(head + " グループ") for c in caps):
        bad.append(f"{a['id']} of {group} ({label}): badge prints {nums} under {caps}")
        break
# The language: captions and the title.
if "グループ" not in sample or "テーブル" not in sample or "Group" not in english or "Table" not in english:
    bad.append("captions not in the language asked for")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY

# The web page: 名札を印刷 serves the current plan's badges.
start_server "$s/data" "$s"
python3 - "$url" "$src/data/samples/attendees.csv" <<'PY' || fail "the web page's badges"
import json, sys, time, urllib.error, urllib.request
url, path = sys.argv[1], sys.argv[2]
def call(method, p, body=None):
    req = urllib.request.Request(url + p, data=body, method=method, headers={"X-Tsunagu": "1", "If-Match": "*"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read(), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers
status, body, _ = call("POST", "api/events?name=attendees.csv", open(path, "rb").read())
eid = json.loads(body)["id"]
assert call("POST", f"api/events/{eid}/solve", b"{}")[0] == 202
while json.loads(call("GET", f"api/events/{eid}/job")[1])["state"] in ("queued", "running"):
    time.sleep(0.1)
plan = json.loads(call("GET", f"api/events/{eid}/plan.json")[1])
status, page, headers = call("GET", f"api/events/{eid}/badges.html")
assert status == 200 and headers["Content-Type"].startswith("text/html"), status
assert "default-src 'none'" in headers["Content-Security-Policy"]
assert page.count(b'<div class="badge') == len(plan["attendees"]), page.count(b'<div class="badge')
status, eight, _ = call("GET", f"api/events/{eid}/badges.html?layout=a4-8&lang=en")
assert status == 200 and eight.count(b'<section class="sheet"') == -(-len(plan["attendees"]) // 8)
assert b"Group" in eight
assert call("GET", f"api/events/{eid}/badges.html?layout=..%2F..%2Fevents%2Ftsunagarou")[0] == 404
layouts = json.loads(call("GET", "api/events")[1])["badge_layouts"]
assert {"a4-10", "a4-8", "a4-10-meishi"} <= {l["name"] for l in layouts}, layouts
app = call("GET", "app.js")[1].decode()
index = call("GET", "index.html")[1].decode()
assert "badges.html" in app and "名札を印刷" in index and "名札を印刷" in app, "the page offers no badges"
PY

finish "badge"
