#!/usr/bin/env python3
"""Tests for check_plan.py: a hand-made plan it must accept, and copies of
it with one fault each that it must reject with the right message.

The plan and its scores below are worked out by hand (see the comments),
not computed by the checker, so a wrong recomputation fails here.

Run: python3 -m unittest tests/checker/test_check_plan.py
"""

import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "check_plan.py")

# Four regions: 東葛南部 - 千葉 - 印旛 in a row, 安房 with no border at all.
REGIONS = {
    "format": "tsunagu-regions", "version": 1, "name": "テスト県", "name_en": "Test",
    "regions": [
        {"name": "千葉", "name_en": "Chiba", "municipalities": ["千葉市"]},
        {"name": "東葛南部", "name_en": "Tokatsu South", "municipalities": ["船橋市", "鎌ケ谷市"]},
        {"name": "印旛", "name_en": "Inba", "municipalities": ["成田市"]},
        {"name": "安房", "name_en": "Awa", "municipalities": ["館山市"]},
    ],
    "borders": [["千葉", "東葛南部"], ["千葉", "印旛"]],
}

HEADER = "id,name,kana,profession,organization,region,interest_regions,experience\n"
ROWS = [
    "T01,青木　一郎,アオキ　イチロウ,MSW,東病院,千葉,,experienced",
    "T02,井上　花子,イノウエ　ハナコ,CSS,西相談室,千葉,,planning",
    "T03,上田　次郎,ウエダ　ジロウ,MSW,南病院,東葛南部,,experienced",
    "T04,江藤　三郎,エトウ　サブロウ,CENTER,センター北,東葛南部,,experienced",
    "T05,大野　四郎,オオノ　シロウ,MSW,東病院,印旛,千葉,experienced",
    "T06,加藤　五郎,カトウ　ゴロウ,CSS,中相談室,印旛,,experienced",
    "T07,木村　六子,キムラ　ムツコ,MSW,北病院,安房,,experienced",
    "T08,工藤　七子,クドウ　ナナコ,CSS,西相談室,東葛南部,,experienced",
    "T09,小林　八郎,コバヤシ　ハチロウ,OTHER,事務局,千葉,,experienced",
]
CSV = HEADER + "\n".join(ROWS) + "\n"

# Morning: table 1 (千葉) T01 T02 T05 T06, table 2 (東葛南部) T03 T04 T07 T08.
# Afternoon: MSW-A T01 T03, MSW-B T05 T07, CSS-A T02 T06, CSS-B T04 T08.
MORNING = {"T01": "1", "T02": "1", "T05": "1", "T06": "1",
           "T03": "2", "T04": "2", "T07": "2", "T08": "2"}
AFTERNOON = {"T01": "MSW-A", "T03": "MSW-A", "T05": "MSW-B", "T07": "MSW-B",
             "T02": "CSS-A", "T06": "CSS-A", "T04": "CSS-B", "T08": "CSS-B"}

# Worked out by hand:
#  own region: everyone at their region's table but T06 (印旛 at 千葉: a
#   neighbour) and T07 (安房 at 東葛南部: no path, far); T05 is 印旛 with
#   interest 千葉, at 千葉's table: interest.  5 / 1 / 1 / 1 of 8.
#  colleagues: 東病院 T01+T05 and 西相談室 T02+T08 are the two pairs; only
#   T01+T05 share a morning table; no afternoon group holds a pair.
#  repeat pairs: CSS-A (T02, T06 both at table 1) and CSS-B (T04, T08 both
#   at table 2): 2 of 4 pairs.
#  distinct regions: MSW-A 千葉+東葛南部 2, MSW-B 印旛+安房 2, CSS-A 千葉+印旛 2,
#   CSS-B 東葛南部 1: 7.
SCORES = {
    "morning": {
        "seated": {"count": 8, "of": 8},
        "own_region": {"count": 5, "of": 8},
        "interest_region": {"count": 1, "of": 8},
        "neighbour_region": {"count": 1, "of": 8},
        "far_region": {"count": 1, "of": 8},
        "mixed_tables": {"count": 2, "of": 2},
        "colleague_pairs": {"count": 1, "of": 2},
        "tables_without_experienced": {"count": 0, "of": 2},
        "size_out_of_range": {"count": 0, "of": 2},
    },
    "afternoon": {
        "seated": {"count": 8, "of": 8},
        "colleague_pairs": {"count": 0, "of": 2},
        "size_out_of_range": {"count": 0, "of": 4},
        "groups_without_experienced": {"count": 0, "of": 4},
        "repeat_pairs": {"count": 2, "of": 4},
        "distinct_regions": {"count": 7, "of": -1},
        "wrong_track": {"count": 0, "of": 8},
    },
}


def rule(weight, hard=False):
    return {"weight": weight, "hard": hard}


EVENT = {
    "format": "tsunagu-event", "version": 1, "title": "テスト会", "date": "2014-10-31",
    "venue": "会議室",
    "sessions": [
        {"id": "morning", "title": "意見交換", "start": "11:10", "end": "12:10",
         "kind": "exchange", "tables": None, "size": {"min": 3, "max": 5},
         "rules": {"mix": rule(10, True), "region": rule(5), "colleagues": rule(20),
                   "experienced": rule(10, True), "requests": rule(50), "stability": rule(100)}},
        {"id": "afternoon", "title": "グループワーク", "start": "13:00", "end": "15:00",
         "kind": "workgroup", "tables": None, "size": {"min": 2, "max": 3},
         "tracks": [{"id": "MSW", "label": "MSW", "label_en": "MSW", "professions": ["MSW"]},
                    {"id": "CSS", "label": "相談支援専門員・センター",
                     "label_en": "Specialists and centres", "professions": ["CSS", "CENTER"]}],
         "rules": {"regions_mixed": rule(2), "colleagues": rule(20),
                   "experienced": rule(10, True), "new_people": rule(3),
                   "requests": rule(50), "stability": rule(100)}},
    ],
}


def attendee_objects():
    out = []
    for n, row in enumerate(ROWS):
        f = row.split(",")
        seats = {}
        if f[0] in MORNING:
            seats = {"morning": MORNING[f[0]], "afternoon": AFTERNOON[f[0]]}
        out.append({"id": f[0], "name": f[1], "kana": f[2], "profession": f[3],
                    "organization": f[4], "region": f[5],
                    "interest_regions": [f[6]] if f[6] else [],
                    "experience": f[7], "line": n + 2, "seats": seats})
    return out


def members(seating, table):
    kana = {a["id"]: a["kana"] for a in attendee_objects()}
    return sorted((i for i, t in seating.items() if t == table), key=lambda i: (kana[i], i))


def base_plan():
    def session(spec, tables, status="optimal"):
        return {"id": spec["id"], "kind": spec["kind"], "title": spec["title"],
                "start": spec["start"], "end": spec["end"], "status": status,
                "objective": 0.0, "bound": 0.0, "gap": 0.0, "seconds": 0.01, "tables": tables}
    morning = [{"id": t, "label": "テーブル" + t, "regions": [r], "members": members(MORNING, t)}
               for t, r in (("1", "千葉"), ("2", "東葛南部"))]
    afternoon = [{"id": g, "label": g, "track": g.split("-")[0], "members": members(AFTERNOON, g)}
                 for g in ("MSW-A", "MSW-B", "CSS-A", "CSS-B")]
    return {
        "format": "tsunagu-plan", "version": 1, "generator": "hand",
        "event": copy.deepcopy(EVENT), "regions": copy.deepcopy(REGIONS),
        "input": {"file": "attendees.csv", "sha256": "0" * 64},
        "attendees": attendee_objects(),
        "sessions": [session(EVENT["sessions"][0], morning),
                     session(EVENT["sessions"][1], afternoon)],
        "scores": copy.deepcopy(SCORES),
        "warnings": [],
    }


def session(plan, sid):
    return next(s for s in plan["sessions"] if s["id"] == sid)


def table(plan, sid, tid):
    return next(t for t in session(plan, sid)["tables"] if t["id"] == tid)


def person(plan, aid):
    return next(a for a in plan["attendees"] if a["id"] == aid)


def move(plan, sid, aid, to):
    """Move an attendee to another table, keeping members sorted and seats in step."""
    kana = {a["id"]: a["kana"] for a in plan["attendees"]}
    for t in session(plan, sid)["tables"]:
        if aid in t["members"]:
            t["members"].remove(aid)
    t = table(plan, sid, to)
    t["members"] = sorted(t["members"] + [aid], key=lambda i: (kana[i], i))
    person(plan, aid)["seats"][sid] = to


class CheckerCase(unittest.TestCase):
    """Runs the checker on a plan and the attendee file of this case."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.write_bytes("attendees.csv", CSV.encode("utf-8"))

    def tearDown(self):
        self.tmp.cleanup()

    def write_bytes(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def check(self, plan, attendees="attendees.csv", *extra):
        plan_path = self.write_bytes("plan.json", json.dumps(plan, ensure_ascii=False).encode())
        r = subprocess.run([sys.executable, CHECKER, plan_path, os.path.join(self.dir, attendees)]
                           + list(extra), capture_output=True, text=True)
        return r.returncode, r.stdout, r.stderr

    def assert_ok(self, plan, attendees="attendees.csv", *extra):
        status, out, err = self.check(plan, attendees, *extra)
        self.assertEqual((status, err), (0, ""), out)
        self.assertTrue(out.startswith("OK: 9 attendees, 8 seated; morning 2 tables, afternoon 4 tables"), out)

    def assert_rejects(self, plan, *messages, attendees="attendees.csv"):
        status, out, err = self.check(plan, attendees)
        self.assertEqual(status, 1, out + err)
        for m in messages:
            self.assertIn(m, out)
        return out


class CheckPlanTest(CheckerCase):
    # -- accepted

    def test_hand_made_plan_is_accepted(self):
        self.assert_ok(base_plan())

    def test_recomputed_scores_match_the_hand_count(self):
        status, out, err = self.check(base_plan(), "attendees.csv", "--json")
        self.assertEqual((status, err), (0, ""))
        self.assertEqual(json.loads(out), SCORES)

    def test_same_list_in_cp932_with_japanese_headers(self):
        text = "番号,氏名,フリガナ,職種,所属,地域,関心地域,経験\n" + "\n".join(ROWS) + "\n"
        text = text.replace("experienced", "経験あり").replace("planning", "これから")
        text = text.replace(",CSS,", ",相談支援専門員,")
        self.write_bytes("cp932.csv", text.replace("\n", "\r\n").encode("cp932"))
        self.assert_ok(base_plan(), "cp932.csv")

    def test_same_list_in_utf8_with_bom_and_full_width_text(self):
        text = CSV.replace(",MSW,", ",ＭＳＷ,").replace(",千葉,", ", 千葉医療圏 ,")
        self.write_bytes("bom.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))
        self.assert_ok(base_plan(), "bom.csv")

    def test_same_list_as_json(self):
        objs = [{k: a[k] for k in ("id", "name", "kana", "profession", "organization",
                                   "region", "interest_regions", "experience")}
                for a in attendee_objects()]
        text = json.dumps(objs, ensure_ascii=False, indent=1)
        self.write_bytes("a.json", text.encode())
        # An element's line is the line of its opening brace: " {" at indent 1.
        opening = [n + 1 for n, line in enumerate(text.split("\n")) if line == " {"]
        self.assertEqual(len(opening), 9)
        plan = base_plan()
        for a, line in zip(plan["attendees"], opening):
            a["line"] = line
        self.assert_ok(plan, "a.json")

    def test_without_id_column_people_match_by_name_and_organization(self):
        text = "\n".join(line.split(",", 1)[1] for line in CSV.splitlines()) + "\n"
        self.write_bytes("noid.csv", text.encode())
        self.assert_ok(base_plan(), "noid.csv")

    def test_record_lines_count_quoted_newlines(self):
        # An ignored column holding a line break moves every later record down.
        rows = [r + (',"二行の\nメモ"' if r.startswith("T03") else ",") for r in ROWS]
        text = HEADER.rstrip("\n") + ",備考\n" + "\n".join(rows) + "\n"
        self.write_bytes("memo.csv", text.encode())
        plan = base_plan()
        for a in plan["attendees"]:
            if a["line"] > 4:
                a["line"] += 1
        self.assert_ok(plan, "memo.csv")
        status, out, _ = self.check(base_plan(), "memo.csv")
        self.assertEqual(status, 1)
        self.assertIn("attendee T04 (memo.csv:6): line is 5 in the plan but the record starts on line 6", out)

    def test_region_table_given_on_the_command_line(self):
        path = self.write_bytes("regions.json", json.dumps(REGIONS, ensure_ascii=False).encode())
        plan = base_plan()
        del plan["regions"]
        self.assert_ok(plan, "attendees.csv", "--regions", path)

    # -- rejected: who is in the plan

    def test_attendee_missing(self):
        plan = base_plan()
        plan["attendees"] = [a for a in plan["attendees"] if a["id"] != "T08"]
        table(plan, "morning", "2")["members"].remove("T08")
        table(plan, "afternoon", "CSS-B")["members"].remove("T08")
        self.assert_rejects(plan, "attendee T08 (工藤　七子, attendees.csv:9) is missing from the plan")

    def test_attendee_listed_twice(self):
        plan = base_plan()
        plan["attendees"].append(copy.deepcopy(person(plan, "T03")))
        self.assert_rejects(plan, "plan.json: attendee T03 appears more than once")

    def test_attendee_seated_twice(self):
        plan = base_plan()
        table(plan, "morning", "1")["members"].append("T03")
        out = self.assert_rejects(plan, "session morning, table 2: T03 is seated twice (also at table 1)")
        self.assertNotIn("scores: morning.seated", out)  # counted once

    def test_extra_attendee_not_in_the_file(self):
        plan = base_plan()
        extra = copy.deepcopy(person(plan, "T09"))
        extra.update(id="T99", name="謎　太郎")
        plan["attendees"].append(extra)
        self.assert_rejects(plan, "attendee T99 (謎　太郎) is not in attendees.csv")

    def test_attendee_with_another_profession(self):
        plan = base_plan()
        person(plan, "T04")["profession"] = "CSS"
        self.assert_rejects(plan, 'attendee T04 (attendees.csv:5): profession is "CSS" in the plan '
                                  'but "CENTER" in the file')

    def test_other_seated(self):
        plan = base_plan()
        table(plan, "morning", "2")["members"].append("T09")
        person(plan, "T09")["seats"] = {"morning": "2"}
        self.assert_rejects(plan, "session morning: T09 (小林　八郎) is OTHER but seated at table 2")

    def test_attendee_not_seated(self):
        plan = base_plan()
        table(plan, "afternoon", "CSS-B")["members"].remove("T08")
        del person(plan, "T08")["seats"]["afternoon"]
        self.assert_rejects(plan, "session afternoon: T08 (工藤　七子) is not seated",
                            "scores: afternoon.seated is 8 of 8 in the plan, recomputed 7 of 8")

    def test_seat_map_disagrees_with_tables(self):
        plan = base_plan()
        person(plan, "T01")["seats"]["morning"] = "2"
        self.assert_rejects(plan, "session morning: T01's seat says \"2\" but the tables say \"1\"")

    # -- rejected: scores

    def test_wrong_score(self):
        plan = base_plan()
        plan["scores"]["morning"]["own_region"]["count"] = 6
        self.assert_rejects(plan, "scores: morning.own_region is 6 of 8 in the plan, recomputed 5 of 8")

    def test_wrong_repeat_pairs(self):
        plan = base_plan()
        plan["scores"]["afternoon"]["repeat_pairs"] = {"count": 0, "of": 4}
        self.assert_rejects(plan, "scores: afternoon.repeat_pairs is 0 of 4 in the plan, recomputed 2 of 4")

    def test_missing_and_unknown_scores(self):
        plan = base_plan()
        del plan["scores"]["morning"]["far_region"]
        plan["scores"]["afternoon"]["happiness"] = {"count": 9, "of": 9}
        self.assert_rejects(plan, "scores: morning.far_region missing (recomputed 1 of 8)",
                            "scores: afternoon.happiness is not a known score")

    # -- rejected: hard rules

    def test_colleague_pair_under_hard_rule(self):
        plan = base_plan()
        plan["event"]["sessions"][0]["rules"]["colleagues"]["hard"] = True
        self.assert_rejects(plan, "session morning, table 1: colleagues from 東病院 (T01, T05) "
                                  "but colleagues is hard")

    def test_colleague_pair_under_soft_rule_is_only_counted(self):
        plan = base_plan()
        self.assertEqual(plan["scores"]["morning"]["colleague_pairs"]["count"], 1)
        self.assert_ok(plan)

    def test_tables_not_mixed_under_hard_mix(self):
        plan = base_plan()
        # All four MSWs at table 1, the four specialists at table 2.
        move(plan, "morning", "T06", "2")
        move(plan, "morning", "T02", "2")
        move(plan, "morning", "T03", "1")
        move(plan, "morning", "T07", "1")
        self.assert_rejects(plan, "session morning, table 1: not mixed (MSW / CSS+CENTER) but mix is hard",
                            "session morning, table 2: not mixed (MSW / CSS+CENTER) but mix is hard",
                            "scores: morning.mixed_tables is 2 of 2 in the plan, recomputed 0 of 2")

    def test_unmixed_tables_are_only_counted_when_mix_is_soft(self):
        plan = base_plan()
        plan["event"]["sessions"][0]["rules"]["mix"]["hard"] = False
        move(plan, "morning", "T06", "2")
        move(plan, "morning", "T02", "2")
        move(plan, "morning", "T03", "1")
        move(plan, "morning", "T07", "1")
        out = self.assert_rejects(plan, "scores: morning.mixed_tables is 2 of 2 in the plan, recomputed 0 of 2")
        self.assertNotIn("not mixed", out)

    def test_group_without_experienced_under_hard_rule(self):
        plan = base_plan()
        person(plan, "T06")["experience"] = "planning"
        text = CSV.replace("T06,加藤　五郎,カトウ　ゴロウ,CSS,中相談室,印旛,,experienced",
                           "T06,加藤　五郎,カトウ　ゴロウ,CSS,中相談室,印旛,,planning")
        self.write_bytes("attendees.csv", text.encode())
        self.assert_rejects(plan, "session afternoon, table CSS-A: no experienced member but "
                                  "experienced is hard",
                            "scores: afternoon.groups_without_experienced is 0 of 4 in the plan, "
                            "recomputed 1 of 4")

    def test_wrong_track(self):
        plan = base_plan()
        move(plan, "afternoon", "T03", "CSS-A")
        move(plan, "afternoon", "T06", "MSW-A")
        self.assert_rejects(plan, "session afternoon, group CSS-A: T03 (上田　次郎) is MSW, not in track CSS (CSS/CENTER)",
                            "session afternoon, group MSW-A: T06 (加藤　五郎) is CSS, not in track MSW (MSW)",
                            "scores: afternoon.wrong_track is 0 of 8 in the plan, recomputed 2 of 8")

    # -- rejected: sizes

    def test_uneven_exchange_tables(self):
        plan = base_plan()
        move(plan, "morning", "T08", "1")
        self.assert_rejects(plan, "session morning: uneven table sizes 1:5, 2:3 "
                                  "(largest and smallest differ by more than 1)")

    def test_uneven_groups_within_a_track(self):
        plan = base_plan()
        plan["event"]["sessions"][1]["size"] = {"min": 1, "max": 3}
        move(plan, "afternoon", "T05", "MSW-A")
        self.assert_rejects(plan, "session afternoon, track MSW: uneven table sizes MSW-A:3, MSW-B:1")

    def test_tables_outside_size_range_when_the_headcount_allows(self):
        plan = base_plan()
        plan["event"]["sessions"][0]["size"] = {"min": 2, "max": 3}  # 3 + 3 + 2 would fit
        out = self.assert_rejects(plan, "session morning, table 1: 4 members, outside 2-3 although 8 people fit",
                                  "session morning, table 2: 4 members, outside 2-3 although 8 people fit",
                                  "scores: morning.size_out_of_range is 0 of 2 in the plan, recomputed 2 of 2")
        self.assertNotIn("uneven", out)

    def test_size_range_that_cannot_hold_is_not_a_fault(self):
        plan = base_plan()
        plan["event"]["sessions"][0]["size"] = {"min": 5, "max": 7}  # 8 people: 1 table too many, 2 too few
        plan["scores"]["morning"]["size_out_of_range"]["count"] = 2
        self.assert_ok(plan)

    def test_table_ids_follow_the_format(self):
        plan = base_plan()
        table(plan, "morning", "2")["id"] = "T2"
        for a in plan["attendees"]:
            if a["seats"].get("morning") == "2":
                a["seats"]["morning"] = "T2"
        self.assert_rejects(plan, "session morning: table id T2 is not of the form 1, 2, ...")

    def test_table_ids_kept_by_a_replan_need_not_be_consecutive(self):
        # a re-plan that dropped table 1 and added one keeps table 2's sign
        plan = base_plan()
        table(plan, "morning", "1")["id"] = "3"
        for a in plan["attendees"]:
            if a["seats"].get("morning") == "1":
                a["seats"]["morning"] = "3"
        self.assert_ok(plan)

    def test_members_must_be_in_reading_order(self):
        plan = base_plan()
        table(plan, "morning", "1")["members"].reverse()
        self.assert_rejects(plan, "session morning, table 1: members not in reading order: "
                                  "T06 (カトウ　ゴロウ) before T05 (オオノ　シロウ)")

    def readings(self, plan, kana):
        """Give attendees other readings, in the plan and the file alike."""
        text = CSV
        for aid, k in kana.items():
            old = person(plan, aid)["kana"]
            person(plan, aid)["kana"] = k
            text = text.replace("," + old + ",", "," + k + ",")
        self.write_bytes("attendees.csv", text.encode())

    def test_reading_order_is_a_dictionarys(self):
        # Table 1 seats T01 T02 T05 T06 (other tables may then be out of
        # order: only table 1 is looked at).  A dictionary puts ごとう before
        # こばやし before こんどう (voiced kana as their plain letter first),
        # わだ before わたなべ, すずき だいち before すずき たつや, and reads ー
        # as the vowel it lengthens (こうだ < こーた < こーだ, こおだ); code
        # point order (た < だ, ご after こん, ー after every kana) does not.
        for kana, order in (
                ({"T01": "コンドウ　イチロウ", "T02": "ゴトウ　ハナコ", "T05": "コバヤシ　シロウ",
                  "T06": "アベ　ゴロウ"}, ["T06", "T02", "T05", "T01"]),
                ({"T01": "わたなべ　いちろう", "T02": "わだ　はなこ", "T05": "すずき　たつや",
                  "T06": "すずき　だいち"}, ["T06", "T05", "T02", "T01"]),
                ({"T01": "コーダ　イチロウ", "T02": "コウダ　イチロウ", "T05": "コオダ　イチロウ",
                  "T06": "コータ　イチロウ"}, ["T02", "T06", "T01", "T05"])):
            with self.subTest(order=order):
                plan = base_plan()
                self.readings(plan, kana)
                table(plan, "morning", "1")["members"] = order
                status, out, err = self.check(plan)
                self.assertNotIn("session morning, table 1: members", out + err)
                table(plan, "morning", "1")["members"] = sorted(order, key=lambda m: (kana[m], m))
                self.assert_rejects(plan, "session morning, table 1: members not in reading order")

    def test_same_reading_and_name_go_by_id(self):
        plan = base_plan()
        self.readings(plan, {"T01": "おおの　しろう", "T02": "おおの　しろう",
                             "T05": "おおの　しろう", "T06": "おおの　しろう"})
        for aid in ("T01", "T02", "T05", "T06"):
            person(plan, aid)["name"] = "大野　四郎"
        text = open(os.path.join(self.dir, "attendees.csv"), encoding="utf-8").read()
        for old in ("青木　一郎", "井上　花子", "加藤　五郎"):
            text = text.replace("," + old + ",", ",大野　四郎,")
        self.write_bytes("attendees.csv", text.encode())
        table(plan, "morning", "1")["members"] = ["T01", "T02", "T06", "T05"]
        self.assert_rejects(plan, "session morning, table 1: members T06 and T05 have the same "
                                  "reading and name but are not in id order")

    def test_exchange_table_without_region(self):
        plan = base_plan()
        table(plan, "morning", "2")["regions"] = []
        self.assert_rejects(plan, "session morning, table 2: no region",
                            "scores: morning.own_region is 5 of 8 in the plan, recomputed 2 of 8")

    def test_unsolved_session(self):
        plan = base_plan()
        session(plan, "afternoon")["status"] = "infeasible"
        self.assert_rejects(plan, 'session afternoon: status "infeasible"')

    def test_session_missing(self):
        plan = base_plan()
        plan["sessions"].pop()
        self.assert_rejects(plan, "session afternoon of the event is missing from the plan")

    def test_not_a_plan_is_a_usage_error(self):
        status, out, err = self.check({"format": "something"})
        self.assertEqual(status, 2)
        self.assertIn("not a tsunagu plan", err)


# ---------------------------------------------------------------- roles and the running order

# The afternoon's groups fill two roles, 司会 (chair: experienced, hard) and
# 発表者 (talk), never one person; a group's holders from different
# organisations (soft).  Then the groups present, 3 + 2 minutes from 15:20:
# MSW-A 15:20, MSW-B 15:25, CSS-A 15:30, CSS-B 15:35, the last ending 15:40.
# Holders by hand: only T02 (CSS-A) is a newcomer, so T06 chairs CSS-A.
ROLES = {"MSW-A": {"chair": "T01", "talk": "T03"}, "MSW-B": {"chair": "T05", "talk": "T07"},
         "CSS-A": {"chair": "T06", "talk": "T02"}, "CSS-B": {"chair": "T04", "talk": "T08"}}
TURNS = [("MSW-A", "15:20", "15:23", "15:25"), ("MSW-B", "15:25", "15:28", "15:30"),
         ("CSS-A", "15:30", "15:33", "15:35"), ("CSS-B", "15:35", "15:38", "15:40")]


def roles_plan():
    plan = base_plan()
    afternoon = plan["event"]["sessions"][1]
    afternoon["roles"] = [{"id": "chair", "label": "司会", "label_en": "Chair"},
                          {"id": "talk", "label": "発表者", "label_en": "Speaker"}]
    afternoon["role_rules"] = [{"rule": "experienced", "role": "chair", "weight": 10, "hard": True},
                               {"rule": "not_same_person", "roles": ["chair", "talk"]},
                               {"rule": "spread_organisations", "weight": 5, "hard": False}]
    share = {"id": "share", "title": "共有", "start": "15:20", "end": "15:40", "kind": "sharing",
             "presentations": {"of": "afternoon", "minutes": 3, "qa_minutes": 2, "order": "by_track",
                               "presenter": "talk"}}
    plan["event"]["sessions"].append(share)
    for t in session(plan, "afternoon")["tables"]:
        t["roles"] = dict(ROLES[t["id"]])
    plan["sessions"].append({
        "id": "share", "kind": "sharing", "title": "共有", "start": "15:20", "end": "15:40",
        "status": "optimal", "objective": 0.0, "bound": 0.0, "gap": 0.0, "seconds": 0.0, "tables": [],
        "presentations": [{"group": g, "start": a, "qa": q, "end": e, "presenter": ROLES[g]["talk"]}
                          for g, a, q, e in TURNS]})
    plan["scores"]["afternoon"].update({"roles_unfilled": {"count": 0, "of": 8},
                                        "roles_doubled": {"count": 0, "of": -1},
                                        "role_rule_breaks": {"count": 0, "of": -1}})
    return plan


class RolesTest(CheckerCase):
    def test_roles_and_order_are_accepted(self):
        self.assert_ok(roles_plan())

    def test_holder_not_a_member(self):
        plan = roles_plan()
        table(plan, "afternoon", "MSW-A")["roles"]["talk"] = "T05"
        self.assert_rejects(plan, "session afternoon, group MSW-A: T05 holds talk but is not a member")

    def test_newcomer_chairs_under_a_hard_rule(self):
        plan = roles_plan()
        table(plan, "afternoon", "CSS-A")["roles"] = {"chair": "T02", "talk": "T06"}
        for turn in session(plan, "share")["presentations"]:
            if turn["group"] == "CSS-A":
                turn["presenter"] = "T06"
        self.assert_rejects(plan, "session afternoon, group CSS-A: chair T02 is a newcomer but the role "
                                  "rule experienced is hard",
                            "scores: afternoon.role_rule_breaks is 0 of -1 in the plan, recomputed 1 of -1")

    def test_one_person_holds_two_roles_in_a_group_big_enough(self):
        plan = roles_plan()
        table(plan, "afternoon", "MSW-A")["roles"]["talk"] = "T01"
        session(plan, "share")["presentations"][0]["presenter"] = "T01"
        self.assert_rejects(plan, "session afternoon, group MSW-A: T01 holds 2 roles in a group of 2 for 2 roles",
                            "session afternoon, group MSW-A: T01 holds both chair and talk (not_same_person)")

    def test_a_role_nobody_holds_needs_a_reason(self):
        plan = roles_plan()
        table(plan, "afternoon", "MSW-A")["roles"]["talk"] = None
        session(plan, "share")["presentations"][0]["presenter"] = None
        plan["scores"]["afternoon"]["roles_unfilled"]["count"] = 1
        self.assert_rejects(plan, "session afternoon, group MSW-A: talk held by nobody, but the hard role "
                                  "rules allow 2 of 2 roles",
                            "session afternoon, group MSW-A: talk held by nobody and no warning says why")

    def test_a_role_the_hard_rules_leave_empty_is_fine_when_said(self):
        plan = roles_plan()
        text = CSV.replace("T06,加藤　五郎,カトウ　ゴロウ,CSS,中相談室,印旛,,experienced",
                           "T06,加藤　五郎,カトウ　ゴロウ,CSS,中相談室,印旛,,planning")
        self.write_bytes("attendees.csv", text.encode())
        person(plan, "T06")["experience"] = "planning"
        plan["event"]["sessions"][1]["rules"]["experienced"]["hard"] = False
        plan["scores"]["afternoon"]["groups_without_experienced"]["count"] = 1
        table(plan, "afternoon", "CSS-A")["roles"]["chair"] = None
        plan["scores"]["afternoon"]["roles_unfilled"]["count"] = 1
        plan["warnings"] = ["CSS-A: 司会 を担える人がいません"]
        self.assert_ok(plan)

    def test_the_list_names_a_holder(self):
        plan = roles_plan()
        text = CSV.replace("experience\n", "experience,役割\n").replace(",experienced\n", ",experienced,\n")
        text = text.replace(",planning\n", ",planning,\n")
        self.write_bytes("attendees.csv", text.replace("南病院,東葛南部,,experienced,", "南病院,東葛南部,,experienced,発表者").encode())
        self.assert_ok(plan)
        self.write_bytes("attendees.csv", text.replace("東病院,千葉,,experienced,", "東病院,千葉,,experienced,Speaker").encode())
        self.assert_rejects(plan, 'session afternoon, group MSW-A: the list names T01 Speaker but the '
                                  'group\'s talk is "T03"')

    def test_a_group_missing_from_the_order(self):
        plan = roles_plan()
        session(plan, "share")["presentations"].pop()
        self.assert_rejects(plan, "session share: group CSS-B presents 0 times (expected once)")

    def test_the_order_follows_the_settings(self):
        plan = roles_plan()
        turns = session(plan, "share")["presentations"]
        turns[1]["group"], turns[2]["group"] = turns[2]["group"], turns[1]["group"]
        turns[1]["presenter"], turns[2]["presenter"] = turns[2]["presenter"], turns[1]["presenter"]
        self.assert_rejects(plan, "session share: order MSW-A CSS-A MSW-B CSS-B, the settings (by_track) "
                                  "give MSW-A MSW-B CSS-A CSS-B")
        plan["event"]["sessions"][2]["presentations"]["order"] = "alternate"
        self.assert_ok(plan)

    def test_times_are_consistent(self):
        plan = roles_plan()
        session(plan, "share")["presentations"][2]["qa"] = "15:34"
        self.assert_rejects(plan, "session share, group CSS-A: times 15:30/15:34/15:35, expected 15:30/15:33/15:35")

    def test_presenter_is_the_groups(self):
        plan = roles_plan()
        session(plan, "share")["presentations"][3]["presenter"] = "T04"
        self.assert_rejects(plan, 'session share, group CSS-B: presenter "T04" but the group\'s talk is "T08"')

    def test_running_past_the_end_needs_a_warning(self):
        plan = roles_plan()
        for s in (plan["event"]["sessions"][2], session(plan, "share")):
            s["end"] = "15:35"
        self.assert_rejects(plan, "session share: the presentations end at 15:40, after 15:35, and no "
                                  "warning says so")
        plan["warnings"] = ["共有: 4 グループが ... 15:40 に終わり、終了時刻 15:35 を過ぎます"]
        self.assert_ok(plan)

    def test_nobody_sits_in_a_sharing_session(self):
        plan = roles_plan()
        person(plan, "T01")["seats"]["share"] = "MSW-A"
        self.assert_rejects(plan, "session share: T01 has a seat in a sharing session")


# A morning of two rounds: round 2 seats table 1 T01 T03 T06 T08 and table 2
# T02 T04 T05 T07.  By hand: T01-T06 and T02-T05 sat at table 1 in round 1,
# T03-T08 and T04-T07 at table 2: 4 meetings again, of 28 pairs.  Both
# tables are mixed (MSW and CSS/CENTER) and have someone experienced;
# neither colleague pair (T01+T05, T02+T08) shares a round-2 table.
ROUND2 = {"T01": "1", "T03": "1", "T06": "1", "T08": "1",
          "T02": "2", "T04": "2", "T05": "2", "T07": "2"}


def rounds_plan(hard=False):
    plan = base_plan()
    spec = plan["event"]["sessions"][0]
    spec["rounds"] = 2
    spec["rules"]["no_pair_twice"] = rule(100, hard)
    am = session(plan, "morning")
    am["rounds"] = [{"round": 2, "status": "feasible", "seconds": 0.01,
                     "tables": [{"id": t, "label": "テーブル" + t, "regions": [r], "members": members(ROUND2, t)}
                                for t, r in (("1", "千葉"), ("2", "東葛南部"))]}]
    am["repeats"] = 4
    # each round-2 table seats two of each round-1 table: 2 pairs of
    # round-1 tablemates at each, whatever the search does
    am["repeats_bound"] = 4
    if not hard:  # a soft rule's meetings again are said on the plan
        plan["warnings"] = ["セッション morning: 2 回の席替えで 4 組が二度以上同席します（再び同席した回数 4、下限 4）"]
    for a in plan["attendees"]:
        if a["id"] in ROUND2:
            a["itinerary"] = {"morning": [MORNING[a["id"]], ROUND2[a["id"]]]}
    plan["scores"]["morning"]["repeated_pairs"] = {"count": 4, "of": 28}
    # the afternoon's pairs met in some morning round, every one of them:
    # T01-T03 and T05-T07 in round 2, T02-T06 and T04-T08 in round 1
    plan["scores"]["afternoon"]["repeat_pairs"] = {"count": 4, "of": 4}
    return plan


class RoundsTest(CheckerCase):
    def test_two_rounds_are_accepted(self):
        self.assert_ok(rounds_plan())

    def test_repeats_are_recounted(self):
        plan = rounds_plan()
        session(plan, "morning")["repeats"] = 3
        self.assert_rejects(plan, 'session morning: "repeats" is 3, recounted 4')
        plan = rounds_plan()
        plan["scores"]["morning"]["repeated_pairs"]["count"] = 0
        self.assert_rejects(plan, "scores: morning.repeated_pairs is 0 of 28 in the plan, recomputed 4 of 28")

    def test_bound_above_the_repeats_is_no_bound(self):
        plan = rounds_plan()
        session(plan, "morning")["repeats_bound"] = 5
        self.assert_rejects(plan, 'session morning: "repeats_bound" 5 is no lower bound of the 4 repeats')

    def test_bound_below_what_round_1_forces(self):
        plan = rounds_plan()
        session(plan, "morning")["repeats_bound"] = 3
        self.assert_rejects(plan, 'session morning: "repeats_bound" 3 is below 4, the meetings again no later '
                                  'rounds can avoid with round 1 as seated')

    def test_meetings_again_need_a_warning(self):
        plan = rounds_plan()
        plan["warnings"] = ["セッション morning: 2 回の席替えで 4 組が二度以上同席します（再び同席した回数 3、下限 4）"]
        self.assert_rejects(plan, "session morning: 4 meetings again and no warning says so")
        plan["desk_changes"] = 1  # the desk recounted them since: the solver's warning is older
        self.assert_ok(plan)

    def test_hard_rule_with_repeats(self):
        self.assert_rejects(rounds_plan(hard=True), "session morning: 4 pairs meet again but no_pair_twice is hard")

    def test_everyone_once_in_every_round(self):
        plan = rounds_plan()
        tables = session(plan, "morning")["rounds"][0]["tables"]
        tables[0]["members"].remove("T08")
        tables[1]["members"].append("T01")
        self.assert_rejects(plan, "session morning, round 2: T08 is seated in round 1 but not in round 2",
                            "session morning, round 2, table 2: T01 is seated twice (also at table 1)",
                            "session morning, round 2, table 1: 3 members, round 1 has 4")

    def test_hard_rules_hold_in_every_round(self):
        plan = rounds_plan()
        tables = session(plan, "morning")["rounds"][0]["tables"]
        # T06 (CSS) and T05 (MSW) trade places: table 1 all MSW but T08 ...
        tables[0]["members"] = members({"T01": "1", "T03": "1", "T05": "1", "T07": "1"}, "1")
        tables[1]["members"] = members({"T02": "2", "T04": "2", "T06": "2", "T08": "2"}, "2")
        self.assert_rejects(plan, "session morning, round 2, table 1: not mixed")

    def test_itinerary_follows_the_rounds(self):
        plan = rounds_plan()
        person(plan, "T01")["itinerary"]["morning"] = ["1", "2"]
        self.assert_rejects(plan, "session morning: T01's itinerary is [\"1\", \"2\"], the rounds' tables say ['1', '1']")

    def test_rounds_the_event_does_not_have(self):
        plan = rounds_plan()
        del plan["event"]["sessions"][0]["rounds"]
        self.assert_rejects(plan, "session morning: rounds in the plan but the event gives it one round")


if __name__ == "__main__":
    unittest.main()
