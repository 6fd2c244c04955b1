"""Place one day of sessions on a grid: rooms as columns, time as rows.

The schedule is one markup for every screen: a heading per start time followed by its sessions.
On wide screens a CSS grid lays it out with rooms as columns; each session carries classes
naming its grid lines (`gr3 ge5 gc2`: from row line 3 to 5, in column 2), defined in site.css.

Rows run between consecutive start or end times (row line 1 holds the rooms' names, so the
first time is line 2), a session spanning as many rows as there are boundaries inside it. A
session without a room (a break, lunch) spans every room when they are all free at that time;
otherwise it goes into a last "elsewhere" column. A day the stylesheet cannot draw as a grid
(too many rows or rooms, or sessions overlapping in one column) stays a list on every screen.
"""

from dataclasses import dataclass

# The grid classes site.css defines: row lines gr2..gr66 / ge3..ge66, columns gc2..gc9.
MAX_ROW_LINE = 66
MAX_ROOMS = 8
FIRST_ROW_LINE = 2


@dataclass
class Placement:
    session: object
    row_start: int  # grid row lines
    row_end: int
    column: int  # grid column line (1 holds the times); 0: across every room


@dataclass
class DayLayout:
    columns: list  # Room objects, and None for "elsewhere"
    placements: list  # in reading order: by start time, then column
    is_grid: bool


def lay_out_day(sessions, rooms):
    """The day's sessions placed on a grid; `rooms` in display order."""
    sessions = [s for s in sessions if s.start and s.end]
    if not sessions:
        return DayLayout(columns=[], placements=[], is_grid=False)
    used = {s.room_id for s in sessions}
    columns = [room for room in rooms if room.pk in used]
    boundaries = sorted({s.start for s in sessions} | {s.end for s in sessions})
    line = {moment: FIRST_ROW_LINE + position for position, moment in enumerate(boundaries)}
    busy = [set() for _ in columns]
    column_of = {room.pk: position for position, room in enumerate(columns)}
    placements, roomless, fits = [], [], True

    def rows_of(session):
        return set(range(line[session.start], line[session.end]))

    for session in sessions:
        column = column_of.get(session.room_id)
        if column is None or busy[column] & rows_of(session):
            roomless.append(session)  # no room, or a clash the admin let through
            continue
        busy[column] |= rows_of(session)
        placements.append(_place(session, line, column + 2))

    elsewhere = []
    for session in roomless:
        rows = rows_of(session)
        if columns and not any(taken & rows for taken in busy):
            for taken in busy:
                taken |= rows
            placements.append(_place(session, line, 0))
        else:
            elsewhere.append(session)
    if elsewhere:
        columns.append(None)
        taken = set()
        for session in elsewhere:
            fits = fits and not taken & rows_of(session)
            taken |= rows_of(session)
            placements.append(_place(session, line, len(columns) + 1))

    placements.sort(key=lambda p: (p.row_start, p.column))
    is_grid = fits and len(columns) <= MAX_ROOMS and line[boundaries[-1]] <= MAX_ROW_LINE
    return DayLayout(columns=columns, placements=placements, is_grid=is_grid)


def _place(session, line, column):
    return Placement(session, line[session.start], line[session.end], column)
