"""Load the demo site. Each app of ours may ship a `demo.py` with a `load(stdout)` function."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create the demo AlpOSS site (idempotent: running it again changes nothing)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                try:
                    module = import_module(module_name)
                except ModuleNotFoundError as error:
                    if error.name == module_name:
                        continue
                    raise
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
