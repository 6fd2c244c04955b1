"""Media on an S3-compatible object store (Garage, MinIO, Ceph, OVHcloud, Scaleway, Amazon):
the options of home.media_storage.S3MediaStorage, which base.py makes the default storage when
ALPOSS_MEDIA_S3_BUCKET names a bucket.

Every setting comes from the environment (docs/deploy-s3.md shows them for each store):

- ALPOSS_MEDIA_S3_BUCKET: the bucket; empty keeps media on the local disk (MEDIA_ROOT).
- ALPOSS_MEDIA_S3_ENDPOINT_URL: the store's S3 API, e.g. https://s3.fr-par.scw.cloud or
  http://127.0.0.1:3900 (Garage); empty: Amazon's.
- ALPOSS_MEDIA_S3_REGION: the region requests are signed for (Garage: its `s3_region`).
- ALPOSS_MEDIA_S3_ACCESS_KEY_ID, ALPOSS_MEDIA_S3_SECRET_ACCESS_KEY: the key that may read,
  write and delete in the bucket; empty: boto3's own chain (AWS_ACCESS_KEY_ID...,
  ~/.aws/credentials, an instance role).
- ALPOSS_MEDIA_S3_PUBLIC_URL: where browsers fetch media from, e.g.
  https://alposs.example.org/media (nginx passing /media/images/ to the bucket) or
  https://media.alposs.example.org; empty: the store's API address.
- ALPOSS_MEDIA_S3_ADDRESSING_STYLE: "path" (https://host/bucket/key, every store) or
  "virtual" (https://bucket.host/key).
- ALPOSS_MEDIA_S3_DEFAULT_ACL: a canned ACL sent with each file; empty (the default): none,
  the bucket's policy decides who reads what (Garage has no ACLs). "public-read" only where a
  provider offers no bucket policy: originals and documents then become public too.
- ALPOSS_MEDIA_S3_QUERYSTRING_AUTH: true for signed links, when browsers may not read the
  bucket at all; they expire after ALPOSS_MEDIA_S3_URL_EXPIRY seconds (6 hours), which must
  outlive the public page cache (`check --deploy` says so, home.W002).

The default (no ACL, unsigned links) suits a conference site: every image a page shows is
public, and pages are cached, so their links must stay valid and identical; the bucket's policy
lets anyone read renditions (images/) and PeerTube pictures (peertube/), not the originals
(original_images/, with whatever metadata the camera put in) nor documents, which Django sends
itself (WAGTAILDOCS_SERVE_METHOD, so collections' privacy holds).
"""

from urllib.parse import urlsplit


def s3_media_settings(env, bucket):
    """The options of home.media_storage.S3MediaStorage for media in `bucket`, and the origins
    browsers load them from (for the Content-Security-Policy's img-src). Plain values only:
    the storage reads them from the settings, never from its arguments, so that a storage
    rebuilt elsewhere (Wagtail's file-deletion task, queued as JSON) carries no secret."""
    endpoint = env("ALPOSS_MEDIA_S3_ENDPOINT_URL", default="") or None
    region = env("ALPOSS_MEDIA_S3_REGION", default="") or None
    addressing = env("ALPOSS_MEDIA_S3_ADDRESSING_STYLE", default="path")
    public = urlsplit(env("ALPOSS_MEDIA_S3_PUBLIC_URL", default=""))
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": region,
        "access_key": env("ALPOSS_MEDIA_S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("ALPOSS_MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": addressing,
        "default_acl": env("ALPOSS_MEDIA_S3_DEFAULT_ACL", default="") or None,
        "querystring_auth": env.bool("ALPOSS_MEDIA_S3_QUERYSTRING_AUTH", default=False),
        "querystring_expire": env.int("ALPOSS_MEDIA_S3_URL_EXPIRY", default=6 * 3600),
        "custom_domain": (public.netloc + public.path.rstrip("/")) or None,
        "url_protocol": f"{public.scheme or 'https'}:",
    }
    if public.netloc:
        origin = f"{public.scheme or 'https'}://{public.netloc}"
    else:
        api = urlsplit(endpoint or f"https://s3.{region or 'us-east-1'}.amazonaws.com")
        host = api.netloc if addressing == "path" else f"{bucket}.{api.netloc}"
        origin = f"{api.scheme}://{host}"
    return options, [origin]
