"""Helpers shared by every app's demo loader: generated images and translated pages.

Nothing here downloads anything: images are drawn with Pillow.
"""

import io
import random
import tomllib
from pathlib import Path

from django.apps import apps
from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from PIL import Image, ImageDraw, ImageFont


def demo_data(app_label, name):
    """The demo data file `<app>/fixtures/demo/<name>.toml`, read as a dict."""
    folder = Path(apps.get_app_config(app_label).path) / "fixtures" / "demo"
    with (folder / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


PALETTES = [
    ("#174a7c", "#6fa8dc", "#e8f1fa"),
    ("#0b6e4f", "#7cc6a4", "#eaf7f1"),
    ("#7a2e8e", "#c49bd1", "#f5eef8"),
    ("#8a4b08", "#e0a458", "#fbf3e8"),
    ("#1b1f24", "#8793a3", "#f2f5f8"),
]


def _font(size):
    for name in ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def draw_picture(text, width=1200, height=675, seed=0, kind="mountains"):
    """A PNG drawing: mountains for places and banners, initials on a disc for portraits."""
    rng = random.Random(seed)
    dark, mid, light = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (width, height), light)
    draw = ImageDraw.Draw(image)
    if kind == "portrait":
        draw.ellipse((width * 0.1, height * 0.1, width * 0.9, height * 0.9), fill=mid)
        font = _font(int(height * 0.3))
        draw.text((width / 2, height / 2), text, fill=dark, font=font, anchor="mm")
    elif kind == "logo":
        draw.rounded_rectangle((8, 8, width - 8, height - 8), radius=24, outline=dark, width=6)
        font = _font(int(height * 0.28))
        draw.text((width / 2, height / 2), text, fill=dark, font=font, anchor="mm")
    else:
        for layer, colour in enumerate((mid, dark)):
            base = height * (0.55 + 0.2 * layer)
            points = [(0, height)]
            for x in range(0, width + 80, 80):
                points.append((x, base - rng.randint(0, int(height * 0.35))))
            points.append((width, height))
            draw.polygon(points, fill=colour)
        font = _font(int(height * 0.09))
        draw.text((width * 0.05, height * 0.08), text, fill=dark, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def demo_image(title, alt_text, *, text=None, seed=0, kind="mountains", size=(1200, 675)):
    """Return the image with this title, drawing and storing it the first time."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    data = draw_picture(text or title, *size, seed=seed, kind=kind)
    filename = f"demo-{slugify(title)[:60]}.png"
    image = image_model(title=title, alt_text=alt_text, credit="AlpOSS (démo)")
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.save()
    return image


def rich(html):
    return RichText(html)
