"""The report templates' environment reads a plain dict's keys at once (report.templating: jinja2
tries getattr first, which raised and was caught for every key of the figures tables; goal 7 of
issue 16): the same text as jinja2's own environment for keys, dict methods, missing keys and
other objects."""

from __future__ import annotations

from collections import OrderedDict
from types import SimpleNamespace

import jinja2

from report.templating import template_environment

SOURCE = """{{ d.a }}|{{ d.items is defined }}|{{ d.values is callable }}|{{ d.missing is defined }}|{{ d.missing }}|\
{{ n.a }}|{{ o.a }}|{{ o.keys is defined }}|{{ s.upper }}|{{ d.nested.x }}|{{ d.none }}|{{ d.get('a') }}"""


def _context() -> dict[str, object]:
    return {"d": {"a": "<x>", "values": 3, "nested": {"x": 1}, "none": None, "items": "shadowed"},
            "n": SimpleNamespace(a="ns"), "o": OrderedDict(a="od"), "s": "text"}


def test_a_dict_key_reads_as_jinja2_reads_it() -> None:
    ours = template_environment().from_string(SOURCE).render(**_context())
    theirs = jinja2.Environment(autoescape=True).from_string(SOURCE).render(**_context())
    assert ours == theirs
    assert ours.startswith("&lt;x&gt;|True|True|")  # a dict's own method still comes first
    assert "|False||ns|od|True|" in ours


def test_a_missing_key_stays_undefined() -> None:
    env = template_environment()
    env.undefined = jinja2.StrictUndefined
    try:
        env.from_string("{{ d.missing }}").render(d={"a": 1})
    except jinja2.UndefinedError as err:
        assert "missing" in str(err)
    else:  # pragma: no cover - the check's failure
        raise AssertionError("a missing key rendered")
