#!/usr/bin/env python3
"""Write plan.json: a small hand-made plan (22 attendees) in the agreed plan
format, for the chart tests.  The seating is fixed here, not solved, so the
charts can be tested without the solver; the scores are computed from it
the way docs/plan-format describes.  Run from this folder to regenerate."""
import itertools, json, unicodedata

regions = json.load(open("../../../data/regions/chiba.json"))
names = [r["name"] for r in regions["regions"]]
borders = {frozenset(b) for b in regions["borders"]}

# id, name, kana, profession, organisation, region, experience
people = [
    ("A01", "中村　千尋", "ナカムラ　チヒロ", "CSS", "我孫子相談支援センター", "東葛北部", "experienced"),
    ("A02", "佐藤　和也", "サトウ　カズヤ", "CSS", "習志野障害者相談室", "東葛南部", "experienced"),
    ("A03", "伊藤　悠", "イトウ　ハルカ", "MSW", "美浜総合病院", "千葉", "experienced"),
    ("A04", "鈴木　健", "スズキ　ケン", "CSS", "八幡地域相談支援室", "市原", "experienced"),
    ("A05", "<script>alert(1)</script>", "すくりぷと", "MSW", "Tom & Jerry's \"Clinic\"", "千葉", "experienced"),
    ("A06", "Maria Garcia-Lopez", "ガルシア　マリア", "MSW", "船橋中央病院", "東葛南部", "experienced"),
    ("A07", "高橋　美咲", "タカハシ　ミサキ", "MSW", "柏の葉病院", "東葛北部", "experienced"),
    ("A08", "渡辺　大輔", "ワタナベ　ダイスケ", "CENTER", "中核地域生活支援センターがじゅまる", "千葉", "experienced"),
    ("A09", "山本　さくら", "ヤマモト　サクラ", "MSW", "松戸市立総合医療センター", "東葛北部", "planning"),
    ("A10", "小林　翔太", "コバヤシ　ショウタ", "CSS", "船橋市相談支援事業所ひまわり", "東葛南部", "planning"),
    ("A11", "加藤　陽子", "カトウ　ヨウコ", "MSW", "千葉大学医学部附属病院", "千葉", "experienced"),
    ("A12", "吉田　誠", "ヨシダ　マコト", "CSS", "東金相談支援センター", "山武長生夷隅", "experienced"),
    ("A13", "山田　花子", "ヤマダ　ハナコ", "MSW", "船橋中央病院", "東葛南部", "experienced"),
    ("A14", "佐々木　亮", "ササキ　リョウ", "CENTER", "中核地域生活支援センターいちはら福祉ネット", "市原", "experienced"),
    ("A15", "山口　恵", "ヤマグチ　メグミ", "CSS", "印西相談支援センター", "印旛", "experienced"),
    ("A16", "松本　光", "マツモト　ヒカル", "MSW", "柏の葉病院", "東葛北部", "experienced"),
    ("A17", "井上　真由美", "イノウエ　マユミ", "CSS", "市川市障害者支援課相談室", "東葛南部", "experienced"),
    ("A18", "木村　拓也", "キムラ　タクヤ", "MSW", "君津中央病院", "君津", "experienced"),
    ("A19", "John Smith", "すみす　じょん", "CSS", "Chiba Support Office", "千葉", "planning"),
    ("A20", "斎藤　直樹", "サイトウ　ナオキ", "MSW", "成田赤十字病院", "印旛", "experienced"),
    ("A21", "清水　由紀", "シミズ　ユキ", "CENTER", "中核地域生活支援センター夢ネット", "東葛北部", "experienced"),
    ("A22", "森　事務局", "モリ　ジムキョク", "OTHER", "千葉県医療ソーシャルワーカー協会", "千葉", "experienced"),
]

def reading(s):
    s = unicodedata.normalize("NFKC", s)
    s = " ".join(s.split()).lower()
    return "".join(chr(ord(c) - 0x60) if 0x30A1 <= ord(c) <= 0x30F6 else c for c in s)

def orgkey(s):
    return " ".join(unicodedata.normalize("NFKC", s).split()).lower()

byid = {p[0]: p for p in people}
morning_tables = [
    ("1", ["千葉", "市原"], ["A03", "A05", "A08", "A11", "A04", "A14", "A19"]),
    ("2", ["東葛南部"], ["A02", "A06", "A10", "A13", "A17", "A15", "A20"]),
    ("3", ["東葛北部"], ["A01", "A07", "A09", "A16", "A21", "A12", "A18"]),
]
afternoon_tables = [
    ("MSW-A", "MSW", ["A03", "A06", "A07", "A18", "A11"]),
    ("MSW-B", "MSW", ["A05", "A09", "A13", "A16", "A20"]),
    ("CSS-A", "CSS", ["A01", "A04", "A08", "A10", "A15", "A19"]),
    ("CSS-B", "CSS", ["A02", "A12", "A14", "A17", "A21"]),
]

def sort_members(ids):
    return sorted(ids, key=lambda i: (reading(byid[i][2]), i))

def dist(a, b):
    if a == b:
        return 0
    seen, frontier, d = {a}, {a}, 0
    while frontier:
        d += 1
        nxt = {y for x in frontier for y in names if frozenset((x, y)) in borders and y not in seen}
        if b in nxt:
            return d
        seen |= nxt
        frontier = nxt
    return 1000

event = {
    "format": "tsunagu-event", "version": 1,
    "title": "MSWと相談支援専門員対象のつながろう会", "date": "2014-10-31", "venue": "千葉県教育会館501号室",
    "sessions": [
        {"id": "morning", "title": "各地域についての意見交換・名刺交換", "start": "11:10", "end": "12:10",
         "kind": "exchange", "tables": None, "size": {"min": 6, "max": 10},
         "rules": {"mix": {"weight": 10, "hard": True}, "region": {"weight": 5, "hard": False},
                   "colleagues": {"weight": 20, "hard": False}, "experienced": {"weight": 10, "hard": True},
                   "requests": {"weight": 50, "hard": False}, "stability": {"weight": 100, "hard": False}}},
        {"id": "afternoon", "title": "職種別グループワーク", "start": "13:00", "end": "15:00",
         "kind": "workgroup", "tables": None, "size": {"min": 5, "max": 8},
         "tracks": [{"id": "MSW", "label": "MSW", "label_en": "MSW", "professions": ["MSW"]},
                    {"id": "CSS", "label": "相談支援専門員・センター", "label_en": "Specialists and centres",
                     "professions": ["CSS", "CENTER"]}],
         "rules": {"regions_mixed": {"weight": 2, "hard": False}, "colleagues": {"weight": 20, "hard": False},
                   "experienced": {"weight": 10, "hard": True}, "new_people": {"weight": 3, "hard": False},
                   "requests": {"weight": 50, "hard": False}, "stability": {"weight": 100, "hard": False}}},
    ],
}

seated = [p for p in people if p[3] != "OTHER"]
seats = {p[0]: {} for p in people}
for tid, _, ids in morning_tables:
    for i in ids:
        seats[i]["morning"] = tid
for tid, _, ids in afternoon_tables:
    for i in ids:
        seats[i]["afternoon"] = tid

def colleague_pairs(tables):
    n = 0
    for t in tables:
        ids = t[-1]
        n += sum(1 for a, b in itertools.combinations(ids, 2) if orgkey(byid[a][4]) == orgkey(byid[b][4]))
    return n

all_colleague_pairs = sum(1 for a, b in itertools.combinations(seated, 2) if orgkey(a[4]) == orgkey(b[4]))
own = neigh = far = 0
for tid, regs, ids in morning_tables:
    for i in ids:
        d = min(dist(byid[i][5], r) for r in regs)
        own += d == 0
        neigh += d == 1
        far += d > 1
morning_pairs = {frozenset(p) for t in morning_tables for p in itertools.combinations(t[2], 2)}
repeat = sum(1 for t in afternoon_tables for p in itertools.combinations(t[2], 2) if frozenset(p) in morning_pairs)
all_pairs = sum(len(t[2]) * (len(t[2]) - 1) // 2 for t in afternoon_tables)
tracks = {"MSW": {"MSW"}, "CSS": {"CSS", "CENTER"}}

def score(c, of):
    return {"count": c, "of": of}

plan = {
    "format": "tsunagu-plan", "version": 1, "generator": "tsunagu 0.1.0 (hand-made test fixture)",
    "event": event, "regions": regions,
    "input": {"file": "attendees.csv", "sha256": "0" * 64},
    "attendees": [
        {"id": p[0], "name": p[1], "kana": p[2], "profession": p[3], "organization": p[4],
         "region": p[5], "interest_regions": [], "experience": p[6], "line": n + 2, "seats": seats[p[0]]}
        for n, p in enumerate(people)],
    "sessions": [
        {"id": "morning", "kind": "exchange", "title": event["sessions"][0]["title"], "start": "11:10",
         "end": "12:10", "status": "optimal", "objective": 12.0, "bound": 12.0, "gap": 0.0, "seconds": 0.05,
         "tables": [{"id": t, "label": "テーブル" + t, "regions": r, "members": sort_members(ids)}
                    for t, r, ids in morning_tables]},
        {"id": "afternoon", "kind": "workgroup", "title": event["sessions"][1]["title"], "start": "13:00",
         "end": "15:00", "status": "feasible", "objective": 7.0, "bound": 6.5, "gap": 0.0714, "seconds": 1.5,
         "tables": [{"id": t, "label": (event["sessions"][1]["tracks"][0 if tr == "MSW" else 1]["label"]
                                        + " グループ" + t[-1]), "track": tr, "members": sort_members(ids)}
                    for t, tr, ids in afternoon_tables]},
    ],
    "scores": {
        "morning": {
            "seated": score(len(seated), len(seated)),
            "own_region": score(own, len(seated)),
            "neighbour_region": score(neigh, len(seated)),
            "far_region": score(far, len(seated)),
            "mixed_tables": score(sum(1 for t in morning_tables
                                      if any(byid[i][3] == "MSW" for i in t[2])
                                      and any(byid[i][3] in ("CSS", "CENTER") for i in t[2])), 3),
            "colleague_pairs": score(colleague_pairs(morning_tables), all_colleague_pairs),
            "tables_without_experienced": score(sum(1 for t in morning_tables
                                                    if all(byid[i][6] == "planning" for i in t[2])), 3),
            "size_out_of_range": score(sum(1 for t in morning_tables if not 6 <= len(t[2]) <= 10), 3),
        },
        "afternoon": {
            "seated": score(len(seated), len(seated)),
            "colleague_pairs": score(colleague_pairs(afternoon_tables), all_colleague_pairs),
            "size_out_of_range": score(sum(1 for t in afternoon_tables if not 5 <= len(t[2]) <= 8), 4),
            "groups_without_experienced": score(sum(1 for t in afternoon_tables
                                                    if all(byid[i][6] == "planning" for i in t[2])), 4),
            "repeat_pairs": score(repeat, all_pairs),
            "distinct_regions": score(sum(len({byid[i][5] for i in t[2]}) for t in afternoon_tables), -1),
            "wrong_track": score(sum(1 for t in afternoon_tables for i in t[2]
                                     if byid[i][3] not in tracks[t[1]]), len(seated)),
        },
    },
    "warnings": ["テスト用の警告: <b>太字にならないこと</b>"],
}
json.dump(plan, open("plan.json", "w"), ensure_ascii=False, indent=2)
