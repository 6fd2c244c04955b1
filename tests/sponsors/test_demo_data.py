"""The demo data file: it parses, and everything it names exists in it."""

from home.demo_tools import demo_data
from sponsors.choices import BoothStatus, LogoSize, SponsorKind


def test_every_sponsorship_of_the_demo_names_a_sponsor_and_a_tier_of_the_file():
    data = demo_data("sponsors", "sponsors")
    sponsors = {row["slug"] for row in data["sponsors"]}
    tiers = {row["name"] for row in data["tiers"]}
    sponsorships = [row for lineup in data["lineup"] for row in lineup["sponsorships"]]
    assert sponsorships
    for row in sponsorships:
        assert row["sponsor"] in sponsors, row
        assert row["tier"] in tiers, row


def test_demo_sponsors_tiers_and_booths_use_known_choices():
    data = demo_data("sponsors", "sponsors")
    assert {row["kind"] for row in data["sponsors"]} <= set(SponsorKind.values)
    assert {row["logo_size"] for row in data["tiers"]} <= set(LogoSize.values)
    assert {row["status"] for row in data["upcoming_booths"].values()} <= set(BoothStatus.values)
    upcoming = next(row for row in data["lineup"] if row["edition"] == data["upcoming_edition"])
    assert set(data["upcoming_booths"]) <= {row["sponsor"] for row in upcoming["sponsorships"]}
