"""manage.py import_schedule <year> <source>: import a frab XML or C3VOC JSON program, or a
pretalx event through its REST API."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from home.editions import create_edition_pages
from home.models import Edition
from program.importing import ScheduleImportError, apply_import, load, plan_import
from program.importing.service import create_edition


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Import a program (frab/Pentabarf XML or C3VOC JSON, e.g. a pretalx export, or a "
        "pretalx event's API address https://<host>/api/events/<slug>/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument(
            "source", help="A local file, an http(s) address, or a pretalx event's API address."
        )
        parser.add_argument(
            "--create-edition",
            action="store_true",
            help="Create the edition from the file's conference data if the year has none.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")
        parser.add_argument(
            "--token", default="", help="An API token, for a pretalx event's private data."
        )

    def handle(self, year, source, create_edition=False, dry_run=False, **options):
        try:
            schedule = load(source, token=options.get("token") or "")
            lines = self._run(year, schedule, create_edition, dry_run)
        except ScheduleImportError as exc:
            raise CommandError(str(exc)) from None
        for line in lines:
            self.stdout.write(line)

    def _created(self, edition, pages):
        lines = [
            _("Edition %(name)s created (%(first)s to %(last)s).")
            % {
                "name": edition.name,
                "first": edition.start_date.isoformat(),
                "last": edition.end_date.isoformat(),
            }
        ]
        if pages is None:
            lines.append(_("The site has no home page: add the edition's pages in the admin."))
        for page in pages or []:
            lines.append(
                _("Page created: %(title)s (%(url)s)") % {"title": page.title, "url": page.url}
            )
        return lines

    def _run(self, year, schedule, wants_edition, dry_run):
        lines = []
        try:
            with transaction.atomic():
                edition = Edition.objects.filter(year=year).first()
                if edition is None:
                    if not wants_edition:
                        raise ScheduleImportError(
                            _("No edition for %(year)s: add --create-edition.") % {"year": year}
                        )
                    edition = create_edition(year, schedule)
                    lines += self._created(edition, create_edition_pages(edition))
                plan = plan_import(edition, schedule)
                if dry_run:
                    raise _DryRun
                apply_import(edition, plan)  # adds what happened to avatars to the report
        except _DryRun:
            return [*lines, *plan.report_lines(), _("Dry run: nothing written.")]
        lines += plan.report_lines()
        return lines
