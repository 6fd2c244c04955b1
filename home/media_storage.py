"""Media on an S3-compatible object store (settings: alposs/settings/object_storage.py)."""

from django.conf import settings

from botocore.config import Config
from storages.backends.s3 import S3Storage


class S3MediaStorage(S3Storage):
    """django-storages' S3 storage configured by settings.ALPOSS_MEDIA_S3, never by arguments:
    `deconstruct()` then gives just this class, so a storage rebuilt from it (Wagtail queues one
    to delete replaced files, as JSON in the tasks table) stores no key and no object."""

    def get_default_settings(self):
        options = dict(settings.ALPOSS_MEDIA_S3)
        addressing = options.pop("addressing_style", "path")
        return {
            **super().get_default_settings(),
            **options,
            # Two uploads of logo.png keep two files: the storage picks a free name.
            "file_overwrite": False,
            "client_config": Config(
                s3={"addressing_style": addressing},
                signature_version="s3v4",
                # Checksums only where S3 requires them: stores other than Amazon's refuse or
                # mishandle those boto3 adds by default since 1.36.
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        }
