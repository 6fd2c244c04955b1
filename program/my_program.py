"""A reader's own program, carried in the address: no account, no cookie, nothing stored.

A session's code is the start of its `guid` (which never changes): `?s=1a2b3c4d-5e6f7a8b` lists
the marked sessions. Codes are matched against the sessions a route has read already, so a
selection costs no query. Unknown codes, another edition's, or too many are dropped, and the
page says so.
"""

import re
from urllib.parse import urlencode

CODE_LENGTH = 8
MAX_SELECTED = 200
PARAMETER = "s"
SEPARATOR = "-"
_CODE = re.compile(rf"^[0-9a-f]{{{CODE_LENGTH}}}$")


def code_of(session):
    return session.guid.hex[:CODE_LENGTH]


class Selection:
    """The codes read from a request, in the order given, duplicates and bad ones dropped."""

    def __init__(self, raw):
        raw = (raw or "")[: (CODE_LENGTH + 1) * MAX_SELECTED * 4]
        seen, codes, rejected = set(), [], 0
        for part in raw.lower().replace(",", SEPARATOR).split(SEPARATOR):
            part = part.strip()
            if not part:
                continue
            if not _CODE.match(part) or part in seen:
                rejected += 1
                continue
            seen.add(part)
            codes.append(part)
        self.too_many = len(codes) > MAX_SELECTED
        self.codes = codes[:MAX_SELECTED]
        self.rejected = rejected + (len(codes) - len(self.codes))

    @classmethod
    def from_request(cls, request):
        return cls(request.GET.get(PARAMETER, ""))

    def __contains__(self, code):
        return code in self.codes

    def __len__(self):
        return len(self.codes)

    def resolve(self, sessions):
        """The sessions marked, in time order; codes matching none of them count as unknown."""
        by_code = {code_of(session): session for session in sessions}
        found = [by_code[code] for code in self.codes if code in by_code]
        self.unknown = self.rejected + len(self.codes) - len(found)
        self.codes = [code for code in self.codes if code in by_code]
        return sorted(found, key=lambda s: (s.start, s.end, s.title))

    def toggled(self, code):
        """The codes with `code` added, or removed when it is there."""
        if code in self.codes:
            return [c for c in self.codes if c != code]
        return [*self.codes, code][:MAX_SELECTED]

    def query(self, codes=None, **others):
        """A query string (with its `?`, or empty) keeping `others` (filters) and the codes."""
        codes = self.codes if codes is None else codes
        pairs = [(k, v) for k, v in others.items() if v]
        if codes:
            pairs.append((PARAMETER, SEPARATOR.join(codes)))
        return f"?{urlencode(pairs, safe='-')}" if pairs else ""


def clashes(sessions):
    """The set of pks of the sessions (in time order) that overlap another one of them."""
    clashing = set()
    for index, session in enumerate(sessions):
        for other in sessions[index + 1 :]:
            if other.start >= session.end:
                break
            clashing.update((session.pk, other.pk))
    return clashing
