"""Random sequences of actions on the three documents keep the witness's words and the validity."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from teikit.check import compare, recorded_transcript
from teikit.convert.source import read_transcript
from teikit.edit.actions import Point, elements, local, text_nodes
from teikit.edit.source import sha256
from teikit.edit.store import Folder, Invalid, Refused
from teikit.export.text import export_text
from tests.edit.conftest import HELSINKI, MOSCOW, PARIS, ROOT, copy_edition

MARKS = ["tag", "unclear", "date", "sic", "note", "supplied", "untag", "undo"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    opened = Folder(copy_edition(tmp_path_factory.mktemp("properties")))
    yield opened
    opened.close()


def _params(draw, root, action: str) -> dict:
    nodes = [n for n, (owner, kind) in enumerate(text_nodes(root))
             if (owner if kind == "text" else owner.getparent()).xpath("ancestor-or-self::*[local-name()='p'][ancestor::*[local-name()='body']]")]
    first = draw(st.sampled_from(nodes))
    last = draw(st.sampled_from([n for n in nodes if first <= n <= first + 3]))
    owner, kind = text_nodes(root)[first]
    length = len(owner.text if kind == "text" else owner.tail)
    start = Point(first, draw(st.integers(0, length)))
    owner, kind = text_nodes(root)[last]
    end = Point(last, draw(st.integers(0, len(owner.text if kind == "text" else owner.tail))))
    if action == "tag":
        kind = draw(st.sampled_from(["person", "place"]))
        return {"kind": kind, "ref": draw(st.sampled_from(["bush", "gorbachev"] if kind == "person" else ["paris", "moscow"])),
                "start": start, "end": end}
    if action == "untag":
        marked = [n for n, e in enumerate(elements(root)) if local(e) in ("persName", "placeName", "unclear", "choice", "date")]
        return {"element": draw(st.sampled_from(marked))}
    return {"start": start, "end": end, "at": end, "reason": "faded", "when": "1990-11-19", "corr": "corrected",
            "text": draw(st.sampled_from(["a word", "the editors' note", "[sic]"]))}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_sequence_of_actions_keeps_the_words_and_the_validity(folder, data):
    name = data.draw(st.sampled_from([PARIS, MOSCOW, HELSINKI]))
    path = folder.path(name)
    # Each example starts from the edition as converted, with no session behind it.
    path.write_bytes((ROOT / "tei" / name).read_bytes())
    folder._sessions.clear()
    transcript = read_transcript(recorded_transcript(path))
    for _ in range(4):
        before = path.read_bytes()
        action = data.draw(st.sampled_from(MARKS))
        try:
            if action == "undo":
                folder.undo(name, sha256(before))
            else:
                folder.act(name, action, _params(data.draw, folder.read(name).root, action), sha256(before))
        except (Refused, Invalid):
            assert path.read_bytes() == before  # refused: untouched
            event(f"{action} refused")
            continue
        event(f"{action} applied")
        assert [f for f in folder.findings(path) if f.severity == "error"] == []
        assert compare(transcript, export_text(path)) == []
