"""The logistics export: one row per booth with its needs and staff (CSV, XLSX, ODS)."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from home import exports

from .models import BoothInfo


def booths_for_export(edition):
    return (
        BoothInfo.objects.filter(sponsorship__edition=edition)
        .select_related("sponsorship__sponsor", "sponsorship__tier")
        .order_by("booth_number", "sponsorship__sponsor__name")
    )


def logistics_dataset(edition):
    headers = [
        _("Booth number"),
        _("Sponsor"),
        _("Tier"),
        _("Status"),
        _("Contact person"),
        _("E-mail"),
        _("Phone"),
        _("Staff count"),
        _("Staff"),
        _("Tables"),
        _("Chairs"),
        _("Power sockets"),
        _("Screen"),
        _("Network access"),
        _("Demo needs Internet"),
        _("Arrival time"),
        _("Set-up minutes"),
        _("Note"),
    ]
    yes, no = _("yes"), _("no")
    rows = []
    for booth in booths_for_export(edition):
        sponsorship = booth.sponsorship
        rows.append(
            [
                booth.booth_number,
                sponsorship.sponsor.name,
                sponsorship.tier.name,
                booth.get_status_display(),
                booth.contact_name,
                booth.contact_email,
                booth.contact_phone,
                len(booth.staff_names),
                "; ".join(booth.staff_names),
                booth.tables,
                booth.chairs,
                booth.power_sockets,
                yes if booth.needs_screen else no,
                yes if booth.needs_network else no,
                yes if booth.demo_needs_internet else no,
                booth.arrival_time.strftime("%H:%M") if booth.arrival_time else "",
                booth.setup_minutes if booth.setup_minutes is not None else "",
                booth.note,
            ]
        )
    return exports.sheet(_("Booths"), headers, rows)


def export_response(edition, file_format):
    filename = f"{slugify(edition.name)}-booths"
    return exports.download([logistics_dataset(edition)], file_format, filename)
