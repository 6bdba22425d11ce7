#!/bin/sh
# make-variants.sh - rebuild the sample-* cases' attendee files from the
# bundled sample, one per way organisers deliver it.  Their expected stdout
# is the same summary for all (compare with: cmp sample-*/stdout).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
sample=$here/../../../data/samples/attendees.csv
mk() { mkdir -p "$here/$1"; printf '%s\n' "check --lang en $2" > "$here/$1/args"; }

mk sample-utf8 attendees.csv;       cp "$sample" "$here/sample-utf8/attendees.csv"
mk sample-bom attendees.csv;        { printf '\357\273\277'; cat "$sample"; } > "$here/sample-bom/attendees.csv"
mk sample-crlf attendees.csv;       sed 's/$/\r/' "$sample" > "$here/sample-crlf/attendees.csv"
mk sample-cp932 attendees.csv;      iconv -f UTF-8 -t CP932 "$sample" > "$here/sample-cp932/attendees.csv"
# Japanese headers, columns reordered, CP932 and CRLF: what Japanese Excel saves.
mk sample-excel-ja attendees.csv
python3 - "$sample" "$here/sample-excel-ja/attendees.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8')))
ja = {'id': '番号', 'name': '氏名', 'kana': 'フリガナ', 'profession': '職種', 'organization': '所属',
      'region': '地域', 'interest_regions': '関心地域', 'experience': '経験'}
order = [7, 1, 2, 0, 4, 3, 5, 6]           # a different column order
exp = {'experienced': '経験あり', 'planning': 'これから'}
with open(sys.argv[2], 'w', encoding='cp932', newline='') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow([ja[rows[0][i]] for i in order] + ['備考'])   # an unknown column is ignored
    for r in rows[1:]:
        r = list(r); r[7] = exp[r[7]]; r[6] = r[6].replace(';', '、')
        w.writerow([r[i] for i in order] + [''])
PY
# JSON: one object per element, some spread over several lines.
mk sample-json attendees.json
python3 - "$sample" "$here/sample-json/attendees.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
out = []
for i, r in enumerate(rows):
    r = dict(r); r['interest_regions'] = [x for x in r['interest_regions'].split(';') if x]
    indent = 2 if i % 10 == 0 else None
    out.append(json.dumps(r, ensure_ascii=False, indent=indent))
open(sys.argv[2], 'w', encoding='utf-8').write('[\n' + ',\n'.join(out) + '\n]\n')
PY
# The default language: one case in Japanese.
mkdir -p "$here/sample-ja"; echo "check ../../../../data/samples/attendees.csv" > "$here/sample-ja/args"
