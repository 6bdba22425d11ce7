#!/bin/sh
# test_web_double_registration.sh - the web page reads lists with the same
# reader as `tsunagu check`: a person registered twice under two ids comes
# back as a warning in the upload's diags, worded as check words it.  A
# walk-in who matches someone already in the plan is refused with 409
# {same_person: true} until the page sends "force": true.
#
# Called by ctest: test_web_double_registration.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
# Exit 0 passed, 1 failed, 77 skipped (curl or python3 missing).
set -u
bin=$1
scratch=$3
fail() { echo "FAIL: $*"; exit 1; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not found"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
rm -rf "$scratch" && mkdir -p "$scratch" || exit 2
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT

cat >"$scratch/list.csv" <<'CSV'
id,name,kana,profession,organization,region,experience
1,中村　千尋,なかむら ちひろ,MSW,千葉病院,千葉,experienced
2,佐藤 和也,さとう かずや,CSS,習志野相談室,東葛南部,experienced
3,鈴木 一郎,すずき いちろう,MSW,船橋病院,東葛南部,experienced
4,田中 花子,たなか はなこ,CSS,千葉相談室,千葉,experienced
5,高橋 次郎,たかはし じろう,MSW,柏病院,東葛北部,experienced
6,伊藤 三郎,いとう さぶろう,CSS,柏相談室,東葛北部,experienced
999,中村千尋,ナカムラ　チヒロ,MSW,千葉病院,千葉,experienced
CSV

"$bin" serve --lang en --port 0 --data-dir "$scratch/data" >"$scratch/out" 2>"$scratch/err" &
pid=$!
i=0
url=""
while [ $i -lt 100 ]; do
  url=$(head -n 1 "$scratch/out" 2>/dev/null)
  case "$url" in http://*/) break ;; esac
  kill -0 "$pid" 2>/dev/null || { cat "$scratch/err"; fail "tsunagu serve exited"; }
  sleep 0.1
  i=$((i + 1))
done
case "$url" in http://*/) ;; *) fail "no address printed" ;; esac

post() { # post PATH BODY_FILE_OR_DATA OUT -> prints the HTTP status
  # If-Match: * - a change on whatever revision the event is at (one client here)
  curl -s -o "$3" -w '%{http_code}' -H 'X-Tsunagu: 1' -H 'Content-Type: application/json' \
       -H 'If-Match: *' -H 'Accept-Language: en' --data-binary "$2" "${url%/}$1"
}
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

status=$(post "/api/events?name=list.csv&lang=en" "@$scratch/list.csv" "$scratch/upload.json")
[ "$status" = 201 ] || { cat "$scratch/upload.json"; fail "upload: status $status, expected 201"; }
want="list.csv:8: warning: same name, reading and organisation as line 2 (id 1): registered twice?"
got=$(json "$scratch/upload.json" "'\n'.join(x['text'] for x in d['diags'] if x['severity'] == 'warning')")
[ "$got" = "$want" ] || fail "upload warnings: got '$got', expected '$want'"
id=$(json "$scratch/upload.json" "d['id']")

status=$(post "/api/events/$id/solve" '{"fresh": true}' "$scratch/solve.json")
[ "$status" = 202 ] || { cat "$scratch/solve.json"; fail "solve: status $status, expected 202"; }
i=0
while [ $i -lt 300 ]; do
  curl -s "${url%/}/api/events/$id/job" >"$scratch/job.json"
  state=$(json "$scratch/job.json" "d.get('state')")
  [ "$state" = running ] || break
  sleep 0.1
  i=$((i + 1))
done
[ "$state" = done ] || { cat "$scratch/job.json"; fail "solve job: $state"; }

walkin='{"name": "佐藤和也", "kana": "サトウ　カズヤ", "profession": "CSS", "organization": "習志野相談室", "region": "東葛南部"}'
status=$(post "/api/events/$id/add" "$walkin" "$scratch/add.json")
[ "$status" = 409 ] || { cat "$scratch/add.json"; fail "add of a seated person: status $status, expected 409"; }
[ "$(json "$scratch/add.json" "d.get('same_person')")" = True ] || fail "409 without same_person"
forced=$(printf '%s' "$walkin" | sed 's/}$/, "force": true}/')
status=$(post "/api/events/$id/add" "$forced" "$scratch/add2.json")
[ "$status" = 200 ] || { cat "$scratch/add2.json"; fail "add with force: status $status, expected 200"; }
echo "PASS"
