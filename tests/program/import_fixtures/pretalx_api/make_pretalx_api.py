"""Writes the pretalx API fixtures (run once: python make_pretalx_api.py); the files are committed.

Each file maps a request (path and query, as the importer asks for it or as a `next` link gives
it) to the JSON pretalx answers, in the shapes pretalx documents:
- current-*.json: the API v1+ (docs.pretalx.org/api/fundamentals/ and /api/resources/, i.e.
  doc/api/schema.yml): submissions with `?state=…&expand=slots`, ids for rooms, tracks, types
  and speakers, multi-language names, times in UTC, pages of 10 with `?page=N` links;
- older-*.json: the API before v1 (doc/api/resources/talks.rst etc. at pretalx v2024.3.1):
  `/talks/` with one `slot` each, speakers as objects, types and tracks by name, times with
  the event's offset, limit/offset pages.
`https://pretalx.test` is replaced by the test server's own address when it answers.
"""

import copy
import datetime
import json

HOST = "https://pretalx.test"
EVENT = "/api/events/alposs-2027/"
PAGE = 10
ROOMS = [(11, "Grande salle"), (12, "Salle Belledonne"), (13, "Atelier Vercors")]
ROOM_GUID = {
    11: "0b5a3c4e-1f2d-4e6a-8b7c-9d0e1f2a3b41",
    12: "0b5a3c4e-1f2d-4e6a-8b7c-9d0e1f2a3b42",
    13: None,  # no guid: pretalx then gives a computed uuid
}
TRACKS = [(21, "Collectivités"), (22, "Développement"), (23, "Éducation")]
TYPES = [(31, "Talk", 45), (32, "Workshop", 90), (33, "Lightning Talk", 15), (34, "Discussion", 45)]
NAMES = [
    "Inès Martin",
    "Hugo Perret",
    "Zoé Garnier",
    "Léa Fabre",
    "Noé Brun",
    "Camille Roux",
    "Sacha Morel",
    "Jules Faure",
    "Maëlle Blanc",
    "Yanis Girard",
    "Chloé Bonnet",
    "Tom Lambert",
]
SPEAKERS = [
    {
        "code": f"SP{n:02d}X",
        "name": name,
        "biography": f"Bio de {name}.",
        "avatar": f"https://pretalx.test/media/avatars/sp{n:02d}.png" if n % 3 == 0 else None,
    }
    for n, name in enumerate(NAMES)
]


def talks():
    """30 talks over two days in three rooms (the lunch hour is a break, not a talk)."""
    out = []
    n = 0
    for date in ("2027-03-10", "2027-03-11"):
        for slot in range(6):
            if slot == 3:
                continue
            for room, _name in ROOMS:
                n += 1
                type_id, type_name, _minutes = TYPES[n % len(TYPES)]
                people = [SPEAKERS[n % 12]["code"]]
                if n % 4 == 0 and (n * 5) % 12 != n % 12:
                    people.append(SPEAKERS[(n * 5) % 12]["code"])
                hour = 9 + slot
                out.append(
                    {
                        "code": f"T{n:03d}A",
                        "title": f"Séance {n} : logiciels libres & territoires",
                        "speakers": people,
                        "type": (type_id, type_name),
                        "track": TRACKS[n % 3],
                        "state": "confirmed",
                        "abstract": f"Résumé de la séance {n}.",
                        "description": f"Première ligne de la séance {n}.\n\nSecond paragraphe.",
                        "duration": 45,
                        "content_locale": "fr" if n % 5 else "en",
                        "do_not_record": n % 9 == 0,
                        "start": datetime.datetime.fromisoformat(f"{date}T{hour:02d}:00:00+01:00"),
                        "room": room,
                        "slot_id": 500 + n,
                    }
                )
    return out


def changed(v1):
    v2 = copy.deepcopy(v1)
    v2[0]["start"] = datetime.datetime.fromisoformat("2027-03-11T17:00:00+01:00")  # moved
    v2[1]["room"], v2[1]["start"] = 13, datetime.datetime.fromisoformat("2027-03-10T17:00:00+01:00")
    v2[2]["title"] = "Séance 3, nouveau titre"  # retitled
    v2[4]["abstract"] = "Résumé réécrit."
    del v2[5]  # withdrawn: T006A
    new = copy.deepcopy(v1[7])
    new.update(
        code="T099A",
        title="Nouvelle séance",
        start=datetime.datetime.fromisoformat("2027-03-10T16:00:00+01:00"),
        room=12,
        slot_id=599,
    )
    v2.append(new)
    return v2


def utc(moment):
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def pages(path, items, query=None):
    """{request: answer} for a list paginated by `?page=` (current API: `query` is a string,
    maybe empty) or by limit/offset (older API: `query` is None)."""
    chunks = [items[i : i + PAGE] for i in range(0, len(items), PAGE)] or [[]]

    def address(i):
        if query is None:
            return f"{path}?limit={PAGE}&offset={i * PAGE}" if i else path
        if not i:
            return f"{path}?{query}" if query else path
        return f"{path}?{query}&page={i + 1}" if query else f"{path}?page={i + 1}"

    return {
        address(i): {
            "count": len(items),
            "next": HOST + address(i + 1) if i + 1 < len(chunks) else None,
            "previous": HOST + address(i - 1) if i else None,
            "results": chunk,
        }
        for i, chunk in enumerate(chunks)
    }


def current(version_talks):
    event = {
        "name": {"en": "AlpOSS 2027", "fr": "AlpOSS 2027"},
        "slug": "alposs-2027",
        "is_public": True,
        "date_from": "2027-03-10",
        "date_to": "2027-03-11",
        "timezone": "Europe/Paris",
        "email": "orga@alposs.example",
        "primary_color": None,
        "custom_domain": None,
        "logo": None,
        "header_image": None,
        "og_image": None,
        "locale": "fr",
        "locales": ["fr", "en"],
        "content_locales": ["fr", "en"],
    }
    rooms = [
        {
            "id": ident,
            "name": {"en": name},
            "description": {},
            "uuid": ROOM_GUID[ident] or f"7d3f1e2a-0c4b-5d6e-8f70-81a2b3c4d5{ident:02d}",
            "guid": ROOM_GUID[ident],
            "capacity": 120 if ident == 11 else 40,
            "position": ident,
            "hidden": False,
        }
        for ident, name in ROOMS
    ]
    tracks = [
        {
            "id": ident,
            "name": {"en": name},
            "description": {},
            "color": "#2a6f4e",
            "position": i,
            "requires_access_code": False,
            "attendee_signup_required": False,
        }
        for i, (ident, name) in enumerate(TRACKS)
    ]
    types = [
        {
            "id": ident,
            "name": {"en": name},
            "default_duration": minutes,
            "deadline": None,
            "requires_access_code": False,
            "attendee_signup_required": False,
        }
        for ident, name, minutes in TYPES
    ]
    used = {code for t in version_talks for code in t["speakers"]}
    speakers = [
        {
            "code": s["code"],
            "name": s["name"],
            "biography": s["biography"],
            "submissions": [t["code"] for t in version_talks if s["code"] in t["speakers"]],
            "avatar_url": s["avatar"],
            "answers": [],
        }
        for s in SPEAKERS
        if s["code"] in used
    ]
    submissions = [
        {
            "code": t["code"],
            "title": t["title"],
            "speakers": t["speakers"],
            "submission_type": t["type"][0],
            "track": t["track"][0],
            "tags": [],
            "state": t["state"],
            "abstract": t["abstract"],
            "description": t["description"],
            "duration": t["duration"],
            "slot_count": 1,
            "attendee_signup_required": False,
            "attendee_signup_capacity": None,
            "signup_status": None,
            "content_locale": t["content_locale"],
            "do_not_record": t["do_not_record"],
            "image": None,
            "resources": [],
            "slots": [
                {
                    "id": t["slot_id"],
                    "room": t["room"],
                    "start": utc(t["start"]),
                    "end": utc(t["start"] + datetime.timedelta(minutes=t["duration"])),
                    "description": None,
                    "duration": t["duration"],
                }
            ],
            "answers": [],
        }
        for t in version_talks
    ]
    # Confirmed, not (yet) on the schedule: no slot, not imported.
    submissions.append(
        {**submissions[0], "code": "U001A", "title": "Pas encore placée", "slots": []}
    )
    routes = {EVENT: event}
    routes |= pages(EVENT + "submission-types/", types, "")
    routes |= pages(EVENT + "rooms/", rooms, "")
    routes |= pages(EVENT + "tracks/", tracks, "")
    routes |= pages(EVENT + "speakers/", speakers, "")
    routes |= pages(
        EVENT + "submissions/", submissions, "state=confirmed&state=accepted&expand=slots"
    )
    return routes


def older(version_talks):
    event = {
        "name": {"en": "AlpOSS 2027"},
        "slug": "alposs-2027",
        "timezone": "Europe/Paris",
        "date_from": "2027-03-10",
        "date_to": "2027-03-11",
        "is_public": True,
        "urls": {
            "base": "https://pretalx.test/alposs-2027/",
            "schedule": "https://pretalx.test/alposs-2027/schedule/",
            "login": "https://pretalx.test/alposs-2027/login/",
            "feed": "https://pretalx.test/alposs-2027/schedule/feed.xml",
        },
    }
    room_names = dict(ROOMS)
    rooms = [
        {
            "id": ident,
            "name": {"en": name},
            "description": {"en": ""},
            "capacity": 40,
            "position": ident,
        }
        for ident, name in ROOMS
    ]
    by_code = {s["code"]: s for s in SPEAKERS}
    used = {code for t in version_talks for code in t["speakers"]}
    speakers = [
        {
            "code": s["code"],
            "name": s["name"],
            "biography": s["biography"],
            "submissions": [t["code"] for t in version_talks if s["code"] in t["speakers"]],
            "avatar": s["avatar"],
        }
        for s in SPEAKERS
        if s["code"] in used
    ]
    talks_list = [
        {
            "code": t["code"],
            "speakers": [
                {"name": by_code[c]["name"], "code": c, "biography": by_code[c]["biography"]}
                for c in t["speakers"]
            ],
            "title": t["title"],
            "submission_type": {"en": t["type"][1]},
            "submission_type_id": t["type"][0],
            "track": {"en": t["track"][1]},
            "track_id": t["track"][0],
            "state": t["state"],
            "abstract": t["abstract"],
            "description": t["description"],
            "duration": t["duration"],
            "do_not_record": t["do_not_record"],
            "is_featured": False,
            "content_locale": t["content_locale"],
            "slot": {
                "start": t["start"].isoformat(),
                "end": (t["start"] + datetime.timedelta(minutes=t["duration"])).isoformat(),
                "room": {"en": room_names[t["room"]]},
                "room_id": t["room"],
            },
            "slot_count": 1,
        }
        for t in version_talks
    ]
    routes = {EVENT: event}
    routes |= pages(EVENT + "rooms/", rooms)
    routes |= pages(EVENT + "speakers/", speakers)
    routes |= pages(EVENT + "talks/", talks_list)
    return routes


def main():
    v1 = talks()
    v2 = changed(v1)
    for name, routes in (
        ("current-v1.json", current(v1)),
        ("current-v2.json", current(v2)),
        ("older-v1.json", older(v1)),
        ("older-v2.json", older(v2)),
    ):
        with open(name, "w") as f:
            json.dump(routes, f, ensure_ascii=False, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
