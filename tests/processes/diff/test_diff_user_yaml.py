"""The diff's user files (synonyms, match decisions) are read without aliases, errors stay one short line."""

from __future__ import annotations

import pytest

from processes.diff import parse_decisions, parse_synonyms
from processes.errors import InputError

BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "groups: [*b]\n"
)


@pytest.mark.parametrize("parse", [parse_synonyms, parse_decisions])
def test_an_alias_is_refused_with_its_line(parse) -> None:
    with pytest.raises(InputError, match=r"^bomb\.yaml:2: YAML alias '\*a' is not allowed in this file"):
        parse(BOMB, source="bomb.yaml")


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (parse_decisions, "schema_version: 1\nconfirm:\n  - {a: T1, b: X1}\nconfirm:\n  - {a: T2, b: X2}\n"),
        (parse_synonyms, "schema_version: 1\ngroups: [[a, b]]\ngroups: [[c, d]]\n"),
        (parse_decisions, "confirm:\n  - {a: T1, b: X1, a: T2}\n"),
    ],
)
def test_a_key_given_twice_is_refused_not_the_last_kept(parse, text) -> None:
    # YAML itself keeps the last of two equal keys without a word: the first entries would vanish
    with pytest.raises(InputError, match=r"^m\.yaml:\d+: duplicate key '(confirm|groups|a)' \(first on line \d+\)$"):
        parse(text, source="m.yaml")


def test_a_bad_value_is_shown_short() -> None:
    long_group = "groups: [[[" + ", ".join(f"w{i}" for i in range(1000)) + "]]]\n"  # a group of one list
    with pytest.raises(InputError) as err:
        parse_synonyms(long_group, source="s.yaml")
    assert len(str(err.value)) < 300 and "..." in str(err.value)


@pytest.mark.parametrize("parse", [parse_synonyms, parse_decisions])
def test_a_file_not_in_utf8_is_refused_with_its_line(parse) -> None:
    # a matches or synonym file saved in Latin-1 (an "å" on line 3): one line with the file
    # and the line, not PyYAML's "unacceptable character ... position N"
    data = "schema_version: 1\ngroups: []\n# påminnelse\n".encode("latin-1")
    with pytest.raises(InputError) as err:
        parse(data, source="latin1.yaml")
    message = str(err.value)
    assert message.startswith("latin1.yaml:3: not UTF-8 text") and "save the file as UTF-8" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("parse", "text", "expected"),
    [
        (parse_decisions, "confirm: []\nreject: []\nbogus: 1\n", r"^m\.yaml:3: unknown key 'bogus'"),
        (parse_decisions, "confirm: []\nschema_version: 9\n", r"^m\.yaml:2: schema_version 9 is not supported"),
        (parse_decisions, "schema_version: 1\nconfirm: {a: x, b: y}\n", r"^m\.yaml:2: confirm: expected a list"),
        (parse_synonyms, "groups: []\nignore: []\nbogus: 1\n", r"^m\.yaml:3: unknown key 'bogus'"),
        (parse_synonyms, "groups: []\nschema_version: 2\n", r"^m\.yaml:2: schema_version 2 is not supported"),
    ],
)
def test_a_wrong_top_level_key_or_version_is_refused_with_its_line(parse, text: str, expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        parse(text, source="m.yaml")


@pytest.mark.parametrize(("parse", "known"), [(parse_decisions, "confirm: []"), (parse_synonyms, "groups: []")])
def test_unknown_keys_of_mixed_types_are_refused_not_a_traceback(parse, known: str) -> None:
    # a number key beside a word key: sorting them raised TypeError (a traceback)
    with pytest.raises(InputError, match=r"^m\.yaml:2: unknown key 1 "):
        parse(f"{known}\n1: x\nbogus: y\n", source="m.yaml")


@pytest.mark.parametrize(
    ("parse", "text", "expected"),
    [
        # a misspelt key above its list: named with its own line, not "expected a list under 'groups'"
        (parse_synonyms, "schema_version: 1\nggroups:\n  - [a, b]\n", "m.yaml:2: unknown key 'ggroups' (expected schema_version, groups, ignore)"),
        (parse_decisions, "schema_version: 1\nrejekt:\n  - {a: A1, b: B1}\n", "m.yaml:2: unknown key 'rejekt'"),
        # a number in a group is named with its place, not "must be a list of at least two words"
        (
            parse_synonyms,
            "schema_version: 1\ngroups:\n  - [expediera,\n     12]\n",
            "m.yaml:4: groups[0][1]: 12 is not a word or phrase (expected text, e.g. [expediera, skicka ut]; "
            "quote a number or a date: '12')",
        ),
    ],
)
def test_a_misspelt_key_or_a_number_in_a_group_is_named_with_its_own_line(parse, text: str, expected: str) -> None:
    with pytest.raises(InputError) as err:
        parse(text, source="m.yaml")
    assert str(err.value).startswith(expected)
