"""Walk a freshly started demo site as a first visitor would (standard library only: it runs
in the virtualenv that `make run` made, with the runtime dependencies and nothing else).

Usage: python .ci/smoke.py http://127.0.0.1:PORT LOGFILE
Fetches the home page, a schedule, schedule.xml and the registration form, registers, and
checks that the confirmation e-mail (printed by the console backend into LOGFILE) links to
the port the site is served on.
"""

import http.cookiejar
import re
import sys
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

BASE, LOG = sys.argv[1].rstrip("/"), sys.argv[2]
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def fetch(path, data=None, expect="text/html"):
    request = urllib.request.Request(BASE + path, data=data)
    with opener.open(request, timeout=30) as response:
        body = response.read().decode()
        kind = response.headers.get("Content-Type", "")
        assert response.status == 200, (path, response.status)
        assert kind.startswith(expect), (path, kind)
        print(f"  {response.status} {path} ({len(body)} characters)")
        return body, response.url


def wait_until_up(timeout=600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(BASE + "/robots.txt", timeout=2):
                return
        except OSError:
            time.sleep(1)
    sys.exit(f"The site did not answer at {BASE} within {timeout} s.")


def main():
    wait_until_up()
    home, _url = fetch("/")
    assert "AlpOSS" in home
    schedule, _url = fetch("/2026/programme/")
    assert "<article" in schedule, "the 2026 schedule lists no session"
    xml, _url = fetch("/2026/programme/schedule.xml", expect="application/xml")
    assert len(ET.fromstring(xml).findall(".//event")) > 10, "schedule.xml has no events"
    sitemap, _url = fetch("/sitemap.xml", expect="application/xml")
    forms = re.findall(r"<loc>[^<]*?(/\d{4}/inscription/)</loc>", sitemap)
    assert forms, "no registration page in the sitemap"
    form_path = max(forms)  # the newest edition's: the one open
    form, _url = fetch(form_path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    fields = {
        "csrfmiddlewaretoken": token,
        "first_name": "Camille",
        "last_name": "Smoke",
        "email": "camille.smoke@example.org",
        "category": "individual",
        "consent": "on",
    }
    _page, url = fetch(form_path, urllib.parse.urlencode(fields).encode())
    assert url.endswith(form_path + "envoyee/"), url
    time.sleep(1)  # the console backend writes the mail as the request ends
    with open(LOG, encoding="utf-8", errors="replace") as log:
        mails = log.read()
    link = re.search(r"https?://[^/\s]+" + re.escape(form_path) + r"confirmer/\S+", mails)
    assert link, "no confirmation link in the e-mail printed by the server"
    assert link.group(0).startswith(BASE + "/"), f"the e-mail links elsewhere: {link.group(0)}"
    print(f"  confirmation e-mail links to {BASE}")


if __name__ == "__main__":
    main()
