import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

import pytest
from PIL import Image

from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.sponsors import SponsorsPageFactory


def png_bytes(size=(60, 30), colour="#174a7c", image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=image_format)
    return buffer.getvalue()


def make_image(title="Logo", size=(60, 30)):
    image = get_image_model()(title=title, alt_text=title)
    image.file = ImageFile(io.BytesIO(png_bytes(size)), name=f"{title}.png")
    image.save()
    return image


@pytest.fixture
def edition(db):
    return EditionFactory(year=2040, number=17)


@pytest.fixture
def edition_page(home_page, edition):
    return EditionPageFactory(parent=home_page, edition=edition)


@pytest.fixture
def sponsors_page(edition_page):
    return SponsorsPageFactory(parent=edition_page)


@pytest.fixture(autouse=True)
def close_generated_renditions(monkeypatch):
    """Wagtail 8 leaves the SpooledTemporaryFile of each new rendition open (a ResourceWarning
    when it is garbage-collected, an error under filterwarnings=error). Hand the storage an
    in-memory copy and close the temporary file at once; the rendition is the same.
    """
    original = AbstractImage.generate_rendition_file

    def generate_rendition_file(self, filter, *, source=None):
        generated = original(self, filter, source=source)
        with generated.file as spooled:
            spooled.seek(0)
            data = spooled.read()
        return ContentFile(data, name=generated.name)

    monkeypatch.setattr(AbstractImage, "generate_rendition_file", generate_rendition_file)
