# ruff: noqa: E501, E741, B007 (a one-off generator of test data)
"""Writes the import fixtures (run once: python make_fixtures.py); the files are committed."""

import copy
import json
import uuid
from xml.sax.saxutils import escape, quoteattr

NS = uuid.UUID("6f1c0c2e-8a4b-4c1e-9a57-0a1b2c3d4e5f")
ROOMS = [("Grande salle", "Amphi"), ("Salle Belledonne", None), ("Atelier Vercors", None)]
ROOM_GUID = {name: str(uuid.uuid5(NS, "room-" + name)) for name, _ in ROOMS}
PEOPLE = [
    (f"P{n:03d}", name)
    for n, name in enumerate(
        [
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
    )
]
TYPES = ["Talk", "Talk", "Workshop", "Talk", "Lightning Talk", "Discussion", "Talk"]


def sessions():
    out = []
    n = 0
    for day, date in ((1, "2027-03-10"), (2, "2027-03-11")):
        for slot in range(6):
            hour = 9 + slot
            for r, (room, _) in enumerate(ROOMS):
                if slot == 3 and r > 0:
                    continue  # lunch: one break in the big room only
                n += 1
                kind = "Break" if slot == 3 else TYPES[n % len(TYPES)]
                people = (
                    []
                    if kind == "Break"
                    else [
                        PEOPLE[n % 12],
                        *([PEOPLE[(n * 5) % 12]] if n % 4 == 0 and (n * 5) % 12 != n % 12 else []),
                    ]
                )
                out.append(
                    {
                        "id": n,
                        "guid": str(uuid.uuid5(NS, f"session-{n}")),
                        "date": f"{date}T{hour:02d}:00:00+01:00",
                        "start": f"{hour:02d}:00",
                        "duration": "00:45",
                        "room": room,
                        "title": "Pause déjeuner"
                        if kind == "Break"
                        else f"Séance {n} : logiciels libres & territoires",
                        "subtitle": "",
                        "track": ["Collectivités", "Développement", "Éducation"][n % 3],
                        "type": kind,
                        "language": "fr" if n % 5 else "en",
                        "abstract": f"Résumé de la séance {n}.",
                        "description": f"Première ligne de la séance {n}.\n\nSecond paragraphe <avec> & symboles.",
                        "do_not_record": n % 9 == 0,
                        "persons": [
                            {"code": code, "public_name": name, "biography": f"Bio de {name}."}
                            for code, name in people
                        ],
                        "links": [
                            {
                                "url": f"https://forge.example.org/s{n}.pdf",
                                "title": "Diapositives",
                                "type": "slides",
                            }
                        ]
                        if n % 6 == 0
                        else [],
                    }
                )
    return out


def c3voc(events, version):
    days = {}
    for e in events:
        days.setdefault(e["date"][:10], {}).setdefault(e["room"], []).append(e)
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "schedule": {
            "version": version,
            "base_url": "https://cfp.example.org/alposs2027/",
            "conference": {
                "acronym": "alposs2027",
                "title": "AlpOSS 2027",
                "start": "2027-03-10",
                "end": "2027-03-11",
                "daysCount": 2,
                "timeslot_duration": "00:15",
                "time_zone_name": "Europe/Paris",
                "rooms": [{"name": name, "guid": ROOM_GUID[name]} for name, _ in ROOMS],
                "days": [
                    {
                        "index": i + 1,
                        "date": date,
                        "day_start": f"{date}T09:00:00+01:00",
                        "day_end": f"{date}T18:00:00+01:00",
                        "rooms": rooms,
                    }
                    for i, (date, rooms) in enumerate(sorted(days.items()))
                ],
            },
        },
    }


def frab(events, version):
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<schedule>",
        f"  <version>{version}</version>",
        "  <conference><acronym>alposs2027</acronym><title>AlpOSS 2027</title>"
        "<start>2027-03-10</start><end>2027-03-11</end><days>2</days>"
        "<time_zone_name>Europe/Paris</time_zone_name></conference>",
    ]
    days = {}
    for e in events:
        days.setdefault(e["date"][:10], {}).setdefault(e["room"], []).append(e)
    for i, (date, rooms) in enumerate(sorted(days.items())):
        lines.append(
            f'  <day index="{i + 1}" date="{date}" start="{date}T09:00:00+01:00" end="{date}T18:00:00+01:00">'
        )
        for room, evs in rooms.items():
            lines.append(f'    <room name={quoteattr(room)} guid="{ROOM_GUID[room]}">')
            for e in evs:
                # frab gives UTC here on purpose: the importer converts to Europe/Paris.
                utc_hour = int(e["date"][11:13]) - 1
                lines.append(f'      <event id="{e["id"]}" guid="{e["guid"]}">')
                lines.append(
                    f"        <date>{date}T{utc_hour:02d}:00:00+00:00</date><start>{e['start']}</start>"
                )
                lines.append(
                    f"        <duration>{e['duration']}</duration><room>{escape(room)}</room>"
                )
                for tag in (
                    "title",
                    "subtitle",
                    "track",
                    "type",
                    "language",
                    "abstract",
                    "description",
                ):
                    lines.append(f"        <{tag}>{escape(e[tag])}</{tag}>")
                lines.append(
                    f"        <recording><license/><optout>{str(e['do_not_record']).lower()}</optout></recording>"
                )
                lines.append(
                    "        <persons>"
                    + "".join(
                        f'<person id="{p["code"]}">{escape(p["public_name"])}</person>'
                        for p in e["persons"]
                    )
                    + "</persons>"
                )
                lines.append(
                    "        <links>"
                    + "".join(
                        f'<link href={quoteattr(l["url"])} type="slides">{escape(l["title"])}</link>'
                        for l in e["links"]
                    )
                    + "</links>"
                )
                lines.append("      </event>")
            lines.append("    </room>")
        lines.append("  </day>")
    lines.append("</schedule>")
    return "\n".join(lines) + "\n"


def main():
    events = sessions()
    with open("alposs2027.json", "w") as f:
        json.dump(c3voc(events, "1.0"), f, ensure_ascii=False, indent=1)
    with open("alposs2027.xml", "w") as f:
        f.write(frab(events, "1.0"))
    v2 = copy.deepcopy(events)
    v2[0]["date"], v2[0]["start"] = "2027-03-11T17:00:00+01:00", "17:00"  # moved: day 2, 17:00
    v2[1]["room"] = "Atelier Vercors"  # moved to another room (at a free hour below)
    v2[1]["date"], v2[1]["start"] = "2027-03-10T17:00:00+01:00", "17:00"
    v2[2]["title"] = "Séance 3, nouveau titre"  # retitled
    v2[4]["abstract"] = "Résumé réécrit."
    del v2[5]  # withdrawn (session 6)
    new = copy.deepcopy(events[7])
    new.update(
        id=99,
        guid=str(uuid.uuid5(NS, "session-99")),
        title="Nouvelle séance",
        date="2027-03-10T16:00:00+01:00",
        start="16:00",
        room="Salle Belledonne",
    )
    v2.append(new)
    with open("alposs2027-v2.json", "w") as f:
        json.dump(c3voc(v2, "2.0"), f, ensure_ascii=False, indent=1)
    # The same first program as C3VOC schedule v2 (a flat list of events).
    flat = {
        "$schema": "https://c3voc.de/schedule/schema2.json",
        "schedule": {
            "version": "1.0",
            "conference": {
                "acronym": "alposs2027",
                "title": "AlpOSS 2027",
                "start": "2027-03-10T00:00:00+01:00",
                "end": "2027-03-11T23:59:00+01:00",
                "days": [],
                "rooms": [{"name": name, "guid": ROOM_GUID[name]} for name, _ in ROOMS],
            },
            "events": [
                {
                    "guid": e["guid"],
                    "code": f"E{e['id']}",
                    "start": e["date"],
                    "end": e["date"][:11] + f"{int(e['start'][:2]):02d}:45:00+01:00",
                    "room": {"guid": ROOM_GUID[e["room"]], "name": e["room"]},
                    "title": e["title"],
                    "subtitle": None,
                    "track": {"slug": "t"},
                    "type": e["type"].upper().replace(" ", "_"),
                    "language": e["language"],
                    "abstract": e["abstract"],
                    "slug": f"s{e['id']}",
                    "url": "https://x.example/",
                    "links": [],
                    "participants": [
                        {"name": p["public_name"], "guid": str(uuid.uuid5(NS, p["code"]))}
                        for p in e["persons"]
                    ],
                }
                for e in events
            ],
        },
    }
    flat["schedule"]["events"][-1]["state"] = "CANCELED"
    with open("alposs2027-schedule2.json", "w") as f:
        json.dump(flat, f, ensure_ascii=False, indent=1)


main()
