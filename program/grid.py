"""Lay out one day of sessions as a table: rooms as columns, time as rows.

Rows run between consecutive start or end times, so a session spans as many rows as there are
boundaries inside it (`rowspan`). A session without a room (a break, lunch) spans every column
when they are all free at that time; otherwise it goes into a last "elsewhere" column.
"""

from dataclasses import dataclass, field

from django.utils import timezone


@dataclass
class Cell:
    session: object = None
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Row:
    start: object
    end: object
    cells: list = field(default_factory=list)


@dataclass
class Grid:
    columns: list  # Room objects, and None for "elsewhere"
    rows: list


def build_grid(sessions, rooms):
    sessions = [s for s in sessions if s.start and s.end]
    if not sessions:
        return Grid(columns=[], rows=[])
    used = {s.room_id for s in sessions}
    columns = [room for room in rooms if room.pk in used]
    boundaries = sorted({s.start for s in sessions} | {s.end for s in sessions})
    index = {moment: position for position, moment in enumerate(boundaries)}
    row_count = len(boundaries) - 1
    column_of = {room.pk: position for position, room in enumerate(columns)}

    # occupied[row][column]: None (free), a Cell (starts here) or False (covered by a span)
    occupied = [[None] * len(columns) for _ in range(row_count)]
    roomless = []
    for session in sessions:
        if session.room_id is None or session.room_id not in column_of:
            roomless.append(session)
            continue
        first, last = index[session.start], index[session.end]
        column = column_of[session.room_id]
        if any(occupied[r][column] is not None for r in range(first, last)):
            roomless.append(session)  # a clash the admin let through: keep it visible
            continue
        occupied[first][column] = Cell(session, rowspan=last - first)
        for r in range(first + 1, last):
            occupied[r][column] = False

    elsewhere = []
    for session in roomless:
        first, last = index[session.start], index[session.end]
        free = columns and all(
            occupied[r][c] is None for r in range(first, last) for c in range(len(columns))
        )
        if free:
            occupied[first][0] = Cell(session, rowspan=last - first, colspan=len(columns))
            for r in range(first, last):
                for c in range(len(columns)):
                    if (r, c) != (first, 0):
                        occupied[r][c] = False
        else:
            elsewhere.append(session)

    if elsewhere:
        columns.append(None)
        for row in occupied:
            row.append(None)
        last_column = len(columns) - 1
        for session in elsewhere:
            first, last = index[session.start], index[session.end]
            if any(occupied[r][last_column] is not None for r in range(first, last)):
                continue  # overlapping roomless sessions: the list view still shows them
            occupied[first][last_column] = Cell(session, rowspan=last - first)
            for r in range(first + 1, last):
                occupied[r][last_column] = False

    rows = []
    for position in range(row_count):
        cells = []
        for value in occupied[position]:
            if value is False:
                continue
            cells.append(value if value is not None else Cell())
        rows.append(
            Row(
                start=timezone.localtime(boundaries[position]),
                end=timezone.localtime(boundaries[position + 1]),
                cells=cells,
            )
        )
    return Grid(columns=columns, rows=rows)


def by_start_time(sessions):
    """[(start, [sessions])] for the list shown on phones."""
    groups = []
    for session in sessions:
        if groups and groups[-1][0] == session.start:
            groups[-1][1].append(session)
        else:
            groups.append((session.start, [session]))
    return groups
