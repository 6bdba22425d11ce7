#!/usr/bin/env python3
"""A previous plan that cannot be re-planned around is refused (issue 5):
one made with another event file (other session ids, or other tracks), and
a broken (truncated) one.  Exit 1, a clear message, and no output file.

Run: TSUNAGU=build/tsunagu python3 -m unittest -v tests/solver/test_replan_refused.py
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

DEFAULT_TRACKS = [{"id": "MSW", "professions": ["MSW"]},
                  {"id": "CSS", "professions": ["CSS", "CENTER"]}]


class RefusedPrevious(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="tsunagu-refused-")
        cls.list = os.path.join(cls.dir, "list.csv")
        subprocess.run([sys.executable, h.GEN, "--count", "40", "--seed", "4040", "-o", cls.list],
                       check=True)
        cls.plan = os.path.join(cls.dir, "plan.json")
        p = h.run("solve", cls.list, "-o", cls.plan)
        assert p.returncode == 0, p.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def replan(self, previous, event=None):
        out = self.path("new-%s.json" % self._testMethodName)
        args = ["solve", self.list, "--previous", previous, "-o", out]
        if event is not None:
            ev = self.path("event-%s.json" % self._testMethodName)
            h.write_json(ev, event)
            args += ["--event", ev]
        p = h.run(*args)
        self.assertEqual(p.returncode, 1, "stdout:\n%s\nstderr:\n%s" % (p.stdout, p.stderr))
        self.assertFalse(os.path.exists(out), "a refused re-plan must not write %s" % out)
        self.assertEqual(p.stdout, "", "nothing is printed as a result")
        return p.stderr

    # The same event re-plans fine (the baseline of the cases below).
    def test_same_event_is_accepted(self):
        out = self.path("same.json")
        p = h.run("solve", self.list, "--previous", self.plan, "-o", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(h.score(h.read_plan(out), "morning", "moved")[0], 0)

    # Sessions "am" and "pm" instead of "morning" and "afternoon".
    def test_other_session_ids(self):
        ev = h.event(h.exchange(sid="am"), h.workgroup(sid="pm", tracks=DEFAULT_TRACKS))
        err = self.replan(self.plan, ev)
        self.assertIn("another event", err)
        self.assertIn("--previous", err)

    # Same session ids, but the afternoon has three tracks (CENTER apart).
    def test_other_tracks(self):
        tracks = [{"id": "MSW", "professions": ["MSW"]}, {"id": "CSS", "professions": ["CSS"]},
                  {"id": "CENTER", "professions": ["CENTER"]}]
        err = self.replan(self.plan, h.event(h.exchange(), h.workgroup(tracks=tracks)))
        self.assertIn("another event", err)

    # Same track ids, but CENTER staff moved to the MSW track.
    def test_same_track_ids_other_professions(self):
        tracks = [{"id": "MSW", "professions": ["MSW", "CENTER"]}, {"id": "CSS", "professions": ["CSS"]}]
        err = self.replan(self.plan, h.event(h.exchange(), h.workgroup(tracks=tracks)))
        self.assertIn("another event", err)

    # A plan cut in the middle (a copy interrupted, a full disk): the JSON
    # error is reported as FILE:LINE: reason.
    def test_truncated_plan(self):
        with open(self.plan, encoding="utf-8") as f:
            text = f.read()
        broken = self.path("broken.json")
        with open(broken, "w", encoding="utf-8") as f:
            f.write(text[: len(text) // 2])
        err = self.replan(broken)
        self.assertRegex(err, r"^%s:\d+: " % broken.replace(".", r"\."))

    # A file that is not a plan at all (an attendee list given by mistake).
    def test_not_a_plan(self):
        err = self.replan(self.list)
        self.assertIn(self.list + ":", err)


if __name__ == "__main__":
    unittest.main()
