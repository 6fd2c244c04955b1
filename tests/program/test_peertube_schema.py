"""The fake PeerTube's answers are shaped like the real API: checked against its OpenAPI spec.

The spec is OpenAPI 3.0 (JSON Schema draft 4 plus `nullable`); it is converted just enough for
`jsonschema`: `nullable` becomes a null alternative, and patterns written `/…/` lose the slashes.
"""

import json
import os
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from program.peertube.client import parse_video, parse_video_list

SPEC = Path(__file__).resolve().parents[2].parent / "shared" / "ref" / "peertube-openapi.yaml"
FIXTURES = Path(__file__).resolve().parent / "peertube_fixtures"
HOST = "video.echirolles.fr"

# The fields program.peertube reads must be there, with the spec's types.
VIDEO_FIELDS_USED = [
    "id",
    "uuid",
    "shortUUID",
    "name",
    "isLive",
    "duration",
    "views",
    "thumbnailPath",
    "previewPath",
    "publishedAt",
    "originallyPublishedAt",
]


def _convert(node):
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _convert(value) for key, value in node.items()}
    pattern = node.get("pattern")
    if isinstance(pattern, str) and len(pattern) > 2 and pattern[0] == pattern[-1] == "/":
        node["pattern"] = pattern[1:-1]
    if node.pop("nullable", False):
        if isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
        else:
            node = {"anyOf": [{"type": "null"}, node]}
    return node


@pytest.fixture(scope="module")
def spec():
    if not SPEC.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SPEC} is required under CI")
        pytest.skip("../shared/ref is absent (the PeerTube OpenAPI spec lives beside the repo)")
    yaml = pytest.importorskip("yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _convert(yaml.load(SPEC.read_text(encoding="utf-8"), Loader=loader))


def _validator(spec, schema):
    return Draft4Validator({**schema, "components": spec["components"]})


def _schema(name, required=()):
    return {"allOf": [{"$ref": f"#/components/schemas/{name}"}, {"required": list(required)}]}


def _errors(validator, instance):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def load(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name",
    [
        "video_replay.json",
        "video_live_now.json",
        "video_live_waiting.json",
        "video_live_ended.json",
    ],
)
def test_video_fixtures_match_the_video_details_schema(spec, name):
    validator = _validator(spec, _schema("VideoDetails", [*VIDEO_FIELDS_USED, "state"]))
    assert _errors(validator, load(name)) == []


def test_channel_list_fixture_matches_the_video_list_schema(spec):
    validator = _validator(spec, _schema("VideoListResponse", ["total", "data"]))
    data = load("channel_videos.json")
    assert _errors(validator, data) == []
    video_validator = _validator(spec, _schema("Video", VIDEO_FIELDS_USED))
    for item in data["data"]:
        assert _errors(video_validator, item) == []


def test_playlist_fixture_matches_the_playlist_element_schema(spec):
    # The spec says VideoListResponse, the server really sends playlist elements (notes §4.6).
    element = _validator(spec, _schema("PlaylistElement", ["position", "video"]))
    video_validator = _validator(spec, _schema("Video", VIDEO_FIELDS_USED))
    data = load("playlist_videos.json")
    assert isinstance(data["total"], int)
    for item in data["data"]:
        assert _errors(element, item) == []
        if item["video"] is not None:
            assert _errors(video_validator, item["video"]) == []


def test_the_schema_check_catches_a_wrongly_typed_field(spec):
    validator = _validator(spec, _schema("VideoDetails", VIDEO_FIELDS_USED))
    broken = {**load("video_replay.json"), "duration": "45 min", "isLive": "no"}
    assert len(_errors(validator, broken)) == 2
    assert _errors(validator, {k: v for k, v in broken.items() if k != "uuid"})


def test_every_fixture_is_readable_by_the_client():
    for name in ["video_replay.json", "video_live_now.json", "video_live_waiting.json"]:
        assert parse_video(load(name), HOST).title
    videos, total = parse_video_list(load("playlist_videos.json"), HOST)
    assert (len(videos), total) == (3, 4)
    videos, total = parse_video_list(load("channel_videos.json"), HOST)
    assert (len(videos), total) == (3, 3)
