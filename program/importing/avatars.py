"""Speakers' avatars from the source, fetched once and kept as Wagtail images.

Only a speaker without a photo gets one: an avatar is fetched the first time (or until it could
be fetched), never again, and a photo organizers chose is never replaced. An avatar that cannot
be fetched or read is skipped with a warning in the report; the import goes on.
Fetching happens before the import's transaction, a few at once, within a total time budget.
"""

import io
import time
from concurrent.futures import ThreadPoolExecutor

from django.core.files.images import ImageFile
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.images import get_image_model

from home.pictures import NotAPicture, as_jpeg, decode_picture

from .fetching import fetch
from .parsers import ScheduleImportError

MAX_SIDE = 800
TIMEOUT = (3, 5)  # connect, read (seconds): a picture is small
WORKERS = 4
TIME_BUDGET = 20  # seconds for all the avatars of one import (within a web request); the rest
# are fetched by the next import, as their speakers still have no photo


def wanted(plan):
    """(speaker, address) for each speaker of the plan without a photo whose source has one."""
    pairs, seen = [], set()
    for key, record in plan.schedule.speakers.items():
        person = plan.speakers.get(key)
        if person is None or not record.avatar or person.photo_id or id(person) in seen:
            continue
        seen.add(id(person))
        pairs.append((person, record.avatar))
    return pairs


def _download(address, deadline, language):
    with translation.override(language):  # the report's language, in this worker thread too
        return _read(address, deadline)


def _read(address, deadline):
    if time.monotonic() > deadline:
        return None, _("the time for avatars ran out.")
    try:
        data = fetch(address, timeout=TIMEOUT)
        return as_jpeg(decode_picture(data, max_side=MAX_SIDE)), None
    except ScheduleImportError as exc:
        return None, str(exc)
    except NotAPicture:
        return None, _("not a picture.")


def fetch_avatars(plan, budget=TIME_BUDGET):
    """Fill plan.avatars with (speaker, JPEG bytes); a warning for each one skipped."""
    pairs = wanted(plan)
    if not pairs:
        return plan
    deadline, language = time.monotonic() + budget, translation.get_language()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda pair: _download(pair[1], deadline, language), pairs))
    for (person, address), (data, problem) in zip(pairs, results, strict=True):
        if data is None:
            plan.warnings.append(
                _("Avatar of %(name)s skipped (%(address)s): %(problem)s")
                % {"name": person.name, "address": address, "problem": problem}
            )
        else:
            plan.avatars.append((person, data))
    return plan


def store_avatars(plan):
    """Save the fetched avatars as images and give them to their speakers (saved by the caller)."""
    image_model = get_image_model()
    for person, data in plan.avatars:
        image = image_model(title=person.name[:255], alt_text=person.name[:255])
        name = f"speaker-{slugify(person.name)[:40] or 'avatar'}.jpg"
        image.file = ImageFile(io.BytesIO(data), name=name)
        image.save()
        person.photo = image
    return [person for person, _data in plan.avatars]
