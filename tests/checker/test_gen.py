#!/usr/bin/env python3
"""Tests for tools/gen: deterministic, the input format, and the shape of the
list (professions, organisation sizes, regions by population, interests).

Run: python3 -m unittest tests/checker/test_gen.py
"""

import collections
import csv
import io
import os
import subprocess
import sys
import unittest

GEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "gen")

BORDERS = [("千葉", "東葛南部"), ("千葉", "印旛"), ("千葉", "山武長生夷隅"), ("千葉", "市原"),
           ("東葛南部", "東葛北部"), ("東葛南部", "印旛"), ("東葛北部", "印旛"), ("印旛", "香取海匝"),
           ("印旛", "山武長生夷隅"), ("香取海匝", "山武長生夷隅"), ("山武長生夷隅", "安房"),
           ("山武長生夷隅", "君津"), ("山武長生夷隅", "市原"), ("安房", "君津"), ("君津", "市原")]
REGIONS = ["千葉", "東葛南部", "東葛北部", "印旛", "香取海匝", "山武長生夷隅", "安房", "君津", "市原"]


def gen(*args):
    return subprocess.run([sys.executable, GEN] + [str(a) for a in args],
                          capture_output=True, check=True).stdout


def rows(data):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


class GenTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.big = gen("--count", 5000, "--seed", 11)
        cls.people = rows(cls.big)

    def test_same_seed_same_bytes_other_seed_other_list(self):
        self.assertEqual(gen("--count", 300, "--seed", 3), gen("--count", 300, "--seed", 3))
        self.assertNotEqual(gen("--count", 300, "--seed", 3), gen("--count", 300, "--seed", 4))

    def test_header_ids_and_count(self):
        first = self.big.split(b"\n", 1)[0].decode()
        self.assertEqual(first, "id,name,kana,profession,organization,region,interest_regions,experience")
        self.assertEqual(len(self.people), 5000)
        self.assertEqual([p["id"] for p in self.people], ["G%05d" % i for i in range(1, 5001)])
        self.assertNotIn(b"\r", self.big)

    def test_professions_in_the_agreed_mix(self):
        c = collections.Counter(p["profession"] for p in self.people)
        self.assertEqual(c, {"MSW": 2250, "CSS": 2250, "CENTER": 400, "OTHER": 100})

    def test_organisation_sizes(self):
        by_org = collections.defaultdict(list)
        for p in self.people:
            by_org[p["organization"]].append(p)
        limit = {"MSW": 4, "CSS": 3, "CENTER": 4}
        for org, ps in by_org.items():
            profs = {p["profession"] for p in ps}
            self.assertEqual(len(profs), 1, org)
            prof = profs.pop()
            if prof != "OTHER":  # organisers and observers come from anywhere
                self.assertEqual(len({p["region"] for p in ps}), 1, org)
                self.assertLessEqual(len(ps), limit[prof], org)
        self.assertGreater(len(by_org), 5000 / 2.5)  # enough organisations
        centres = [o for o, ps in by_org.items() if ps[0]["profession"] == "CENTER"]
        self.assertTrue(all(o.startswith("中核地域生活支援センター") for o in centres))

    def test_regions_follow_population(self):
        c = collections.Counter(p["region"] for p in self.people)
        self.assertEqual(set(c), set(REGIONS))
        self.assertGreater(c["東葛南部"], c["千葉"])
        self.assertGreater(c["千葉"], c["印旛"])
        self.assertGreater(c["印旛"], 3 * c["安房"])
        self.assertAlmostEqual(c["東葛南部"] / 5000, 1750 / 6185, delta=0.03)

    def test_interest_regions_mostly_neighbours(self):
        near = {r: set() for r in REGIONS}
        for a, b in BORDERS:
            near[a].add(b)
            near[b].add(a)
        with_interest = [p for p in self.people if p["interest_regions"]]
        self.assertAlmostEqual(len(with_interest) / 5000, 0.15, delta=0.03)
        total = neighbours = 0
        for p in with_interest:
            regs = p["interest_regions"].split(";")
            self.assertEqual(len(regs), len(set(regs)))
            for r in regs:
                self.assertIn(r, REGIONS)
                self.assertNotEqual(r, p["region"])
                total += 1
                neighbours += r in near[p["region"]]
        self.assertGreater(neighbours / total, 0.7)

    def test_a_quarter_of_the_specialists_are_planning(self):
        css = [p for p in self.people if p["profession"] == "CSS"]
        share = sum(p["experience"] == "planning" for p in css) / len(css)
        self.assertAlmostEqual(share, 0.25, delta=0.03)
        self.assertTrue(all(p["experience"] in ("experienced", "planning") for p in self.people))

    def test_names_have_readings(self):
        for p in self.people[:200]:
            self.assertEqual(p["name"].count("\u3000"), 1)
            self.assertEqual(p["kana"].count("\u3000"), 1)
            self.assertTrue(all("\u30a0" <= ch <= "\u30ff" for ch in p["kana"].replace("\u3000", "")))

    def test_small_lists_work(self):
        for n in (1, 2, 40):
            self.assertEqual(len(rows(gen("--count", n, "--seed", 1))), n)

    def test_output_file(self):
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "list.csv")
            gen("--count", 40, "--seed", 2, "-o", path)
            with open(path, "rb") as f:
                self.assertEqual(f.read(), gen("--count", 40, "--seed", 2))


if __name__ == "__main__":
    unittest.main()
