"""Import every module of the application (not tests, benchmarks or migrations) after
django.setup(): run in the virtualenv of `make run`, it proves the runtime dependencies cover
what the application imports, including code no request reached (commands, admin, tasks)."""

import importlib
import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
# deploy/ holds configuration and the loopback scripts, run by deploy/loopback, not the site.
SKIP = {"tests", "bench", "deploy", "docs", "migrations", "static", "media", "var", "node_modules"}

sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alposs.settings.dev")
django.setup()
count = 0
for path in sorted(ROOT.rglob("*.py")):
    parts = path.relative_to(ROOT).parts
    if any(part in SKIP or part.startswith(".") for part in parts) or len(parts) < 2:
        continue
    module = ".".join(parts)[: -len(".py")].removesuffix(".__init__")
    if module.startswith("alposs.settings.") and module != "alposs.settings.dev":
        continue  # production refuses to load without its secrets; test is for pytest
    importlib.import_module(module)
    count += 1
print(f"  {count} modules import with the runtime dependencies only")
