// reading_order.mjs - an oracle for the reading order, outside the C code:
// the browser's and Node's Intl.Collator('ja') (ICU's Japanese rules, in
// Node's own copy of ICU).  Used by test_reading_order.sh.
//
//   node reading_order.mjs PLAN.json BADGES.csv
//
// Checks that the badge CSV's rows (the reception list's order) and every
// table's members in the plan follow docs/charts.md's order: the reading
// (the name when there is none) in Japanese order, then the name, then the
// id in byte order.  Prints each pair out of order; exit 1 when any.
import { readFileSync } from 'node:fs';

const collator = new Intl.Collator('ja');
// The matching form the library compares (tsunagu_text_key): NFKC, white
// space trimmed and collapsed to one space, ASCII letters lower-cased.
const form = (s) => (s || '').normalize('NFKC').replace(/\s+/gu, ' ').trim().replace(/[A-Z]/g, (c) => c.toLowerCase());

function compare(a, b) {
  const c = collator.compare(form(a.kana || a.name), form(b.kana || b.name)) ||
    collator.compare(form(a.name), form(b.name));
  return c || Buffer.compare(Buffer.from(a.id), Buffer.from(b.id));
}

// Cells of a CSV whose every cell is quoted ("" inside), CRLF rows, BOM.
function csvRows(text) {
  return text.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l).map((line) => {
    const cells = [];
    const re = /"((?:[^"]|"")*)"(?:,|$)/gy;
    let m;
    while ((m = re.exec(line)) && m[0]) cells.push(m[1].replace(/""/g, '"'));
    return cells;
  });
}

const [planPath, csvPath] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planPath, 'utf8'));
const people = new Map(plan.attendees.map((a) => [a.id, a]));
let bad = 0;
function checkList(what, ids) {
  for (let i = 1; i < ids.length; i++) {
    const a = people.get(ids[i - 1]), b = people.get(ids[i]);
    if (!a || !b) {
      console.log(`${what}: unknown id ${a ? ids[i] : ids[i - 1]}`);
      bad++;
    } else if (compare(a, b) >= 0) {
      console.log(`${what}: ${a.id} ${a.kana || a.name} (${a.name}) before ${b.id} ${b.kana || b.name} (${b.name})`);
      bad++;
    }
  }
}
const rows = csvRows(readFileSync(csvPath, 'utf8')).slice(1);
if (rows.length !== plan.attendees.length) {
  console.log(`badge CSV: ${rows.length} rows for ${plan.attendees.length} attendees`);
  bad++;
}
checkList('reception (badge CSV)', rows.map((r) => r[0]));
for (const s of plan.sessions)
  for (const t of s.tables) checkList(`session ${s.id}, table ${t.id}`, t.members);
console.log(`${bad} pair(s) out of order; ${rows.length} rows, ${plan.sessions.length} sessions`);
process.exit(bad ? 1 : 0);
