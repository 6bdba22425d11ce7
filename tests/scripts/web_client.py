"""web_client.py - what the web API tests share (web_changes.py,
web_events.py, web_roles.py, web_rounds.py): a request to `tsunagu serve`
as the page sends it, and checks that go on after one fails.

    from web_client import Checks, Client
    check = Checks()
    call = Client(url).call
    status, doc, raw = call("PUT", "/api/events/ID/name", {"name": "x"}, base=3)
    check(status == 200, "renamed")
    sys.exit(check.exit_code())
"""
import json
import urllib.error
import urllib.request


class Checks:
    """check(cond, what): record and print a failure, return cond."""

    def __init__(self):
        self.failures = []

    def __call__(self, cond, what):
        if not cond:
            self.failures.append(what)
            print("FAIL:", what)
        return cond


class Client:
    def __init__(self, url, timeout=60):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.etag = None

    def call(self, method, path, body=None, raw=None, base=None):
        """(status, JSON answer or {}, raw bytes).  body: JSON to send; raw:
        bytes instead; base: the revision for If-Match (a number, or the
        header's own text such as "*").  The answer's ETag is kept in
        self.etag."""
        headers = {"X-Tsunagu": "1"}
        if base is not None:
            headers["If-Match"] = base if isinstance(base, str) else '"%d"' % base
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                status, text, self.etag = r.status, r.read(), r.headers.get("ETag")
        except urllib.error.HTTPError as e:
            status, text, self.etag = e.code, e.read(), e.headers.get("ETag")
        try:
            return status, json.loads(text or b"{}"), text
        except ValueError:
            return status, {}, text
