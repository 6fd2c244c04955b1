"""The participant's private links (confirm, manage, cancel, data, delete, ticket) and the
management page's workshops form: a hostile token opens nothing and changes nothing."""

import pytest

from registrations.choices import RegistrationStatus
from registrations.models import Registration, WorkshopSeat
from tests.security.hostile import HOSTILE, RAW_ESCAPES, SAMPLE, check, path_segment

pytestmark = pytest.mark.django_db

ROUTES = (
    "confirmer/{}/",
    "gerer/{}/",
    "gerer/{}/annuler/",
    "gerer/{}/donnees/",
    "gerer/{}/supprimer/",
    "gerer/{}/agenda.ics",
    "accueil/{}/",
)


def tampered(token):
    """Real tokens with one part changed: a huge id, a unicode digit, no signature."""
    pk, key, stamp, signature = token.split("-", 3)
    return [
        f"{'9' * 40}-{key}-{stamp}-{signature}",
        f"-1-{key}-{stamp}-{signature}",
        f"²-{key}-{stamp}-{signature}",
        f"{pk}-{key}-{'f' * 400}-{signature}",
        f"{pk}-{key}-{stamp}-",
        f"{pk}-{key}-{stamp}",
        token + "x",
        token.upper(),
    ]


def participant_unchanged(site):
    registration = Registration.objects.get(pk=site.participant.pk)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.cancelled_at is None and registration.purged_at is None
    assert registration.checked_in_at is None
    assert registration.key == site.participant.key
    assert list(registration.seats.values_list("session_id", flat=True)) == [site.workshop.pk]


@pytest.mark.parametrize("route", ROUTES)
def test_a_hostile_token_opens_nothing_and_changes_nothing(client, site, route):
    """The whole table on the management link, a sample on the others: one function reads
    every token (registrations.tokens.read_token)."""
    manage = site.link("gerer").rsplit("/", 2)[-2]
    table = HOSTILE if route == "gerer/{}/" else SAMPLE
    values = [hostile.value for hostile in table if hostile.value.strip()] + tampered(manage)
    for value in values:
        url = site.registration_url + route.format(path_segment(value))
        for response in (client.get(url), client.post(url, {"action": "check_in"})):
            check(response)
            # 400: Django refuses to build a login redirect longer than 16 KB.
            assert response.status_code in (302, 400, 404, 410), (value, response.status_code)
    for raw in RAW_ESCAPES:
        check(client.get(site.registration_url + route.format(f"a{raw}b")))
    participant_unchanged(site)


def test_the_ticket_link_shows_only_the_first_name_whatever_the_query_string(client, site):
    for hostile in HOSTILE:
        response = check(client.get(site.link("accueil"), {"q": hostile.value}), hostile)
        assert response.status_code == (400 if len(hostile.value) > 16_000 else 200), hostile
        assert site.participant.email not in response.content.decode()


def test_the_workshops_form_saves_a_whole_choice_or_nothing(client, site):
    url = site.link("gerer")
    for hostile in [*HOSTILE, None]:
        before = set(WorkshopSeat.objects.values_list("registration_id", "session_id"))
        value = hostile.value if hostile else [str(site.workshop.pk), "9" * 40]
        response = check(client.post(url, {"sessions": value, "change_workshops": "1"}), hostile)
        assert response.status_code == 200, hostile
        after = set(WorkshopSeat.objects.values_list("registration_id", "session_id"))
        if "Vos ateliers sont enregistrés." in response.content.decode():
            chosen = {site.workshop.pk} if value == str(site.workshop.pk) else set()
            assert after == before - {(site.participant.pk, site.workshop.pk)} | {
                (site.participant.pk, pk) for pk in chosen
            }, hostile
        else:
            assert after == before, hostile
        WorkshopSeat.objects.filter(registration=site.participant).delete()
        WorkshopSeat.objects.create(
            registration=site.participant, session=site.workshop, status="confirmed"
        )


def test_the_stars_form_and_the_remove_button_take_any_value_without_harm(client, site):
    url = site.link("gerer")
    for hostile in HOSTILE:
        for data in (
            {"codes": hostile.value, "mark_sessions": "1"},
            {"unmark_session": hostile.value},
        ):
            response = check(client.post(url, data), hostile)
            assert response.status_code == 200, hostile
    assert site.participant.marked_sessions.count() == 0
    participant_unchanged(site)
