"""What the program of a new edition takes from the one before: its rooms and tracks."""

from .models import Room, Track

ROOM_FIELDS = ("name", "capacity", "access_notes", "access_notes_en", "sort_order")
TRACK_FIELDS = ("name", "name_en", "slug", "colour")


def copy_rooms_and_tracks(source, edition):
    """Copy `source`'s rooms (by name) and tracks (by slug) that `edition` lacks; the rooms'
    live addresses stay behind (a new edition gets new lives). Returns (label, count) pairs."""
    rooms = set(Room.objects.filter(edition=edition).values_list("name", flat=True))
    new_rooms = [
        Room(edition=edition, **{name: getattr(room, name) for name in ROOM_FIELDS})
        for room in Room.objects.filter(edition=source)
        if room.name not in rooms
    ]
    Room.objects.bulk_create(new_rooms)
    tracks = set(Track.objects.filter(edition=edition).values_list("slug", flat=True))
    new_tracks = [
        Track(edition=edition, **{name: getattr(track, name) for name in TRACK_FIELDS})
        for track in Track.objects.filter(edition=source)
        if track.slug not in tracks
    ]
    Track.objects.bulk_create(new_tracks)
    return [
        (Room._meta.verbose_name_plural, len(new_rooms)),
        (Track._meta.verbose_name_plural, len(new_tracks)),
    ]
