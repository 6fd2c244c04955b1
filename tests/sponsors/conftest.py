import io

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

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
