"""Hostile files and inputs get a clear answer; nothing but the documented errors escapes."""

from __future__ import annotations

import os
from decimal import Decimal as D

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialroi_tui.cli import main as cli_main
from socialroi_tui.engine.numbers import NumberError, parse_number
from socialroi_tui.store import CampaignFileError, load_campaign, parse_campaign, save_campaign
from socialroi_tui.textsafe import visible


def problems(text: str) -> str:
    with pytest.raises(CampaignFileError) as caught:
        parse_campaign(text, "c.toml")
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[meta\n", "line 1, column 6: not valid TOML"),
        ('[meta]\nname = "a\n', "line 2"),
        ("[budget]\nctr = [1, 2]\n", "budget.ctr"),
        ("[meta]\nname = 12\n", "meta.name"),
        ("objectives = 3\n", "objectives"),
        ("[budget]\nctr = -0.1\n", "budget.ctr: cannot be negative"),
        ("[budget]\nctr = 1.5\n", "budget.ctr: is a rate above 100 %"),
        ('[budget]\nctr = "150 %"\n', "above 100"),
        ("[budget]\nprice = nan\n", "finite"),
        ("[budget]\nprice = -inf\n", "finite"),
        ("[budget]\nprice = 1e999\n", "too large"),
        ("[budget]\ntarget_conversions = 123456789012345678901234567890\n", "too large"),
        ("[budget]\nmode = 'sideways'\n", "budget.mode"),
        ("[whatever]\nx = 1\n", "whatever: unknown key"),
        ('[[channels]]\nid = "a b c"\n', "channels[0].id"),
        ("schema_version = 99\n", "newer socialroi"),
        ('schema_version = "one"\n', "schema_version"),
    ],
)
def test_broken_campaigns_are_explained(text, expected):
    assert expected in problems(text)


def test_a_file_that_cannot_be_read_is_never_overwritten(tmp_path, capsys):
    path = tmp_path / "c.toml"
    path.write_bytes(b'[meta]\nname = "caf\xe9"\n')
    assert cli_main(["validate", str(path)]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    assert cli_main(["new", str(path)]) == 1
    assert path.read_bytes() == b'[meta]\nname = "caf\xe9"\n'


def test_a_50_mb_file_is_refused(tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    with pytest.raises(CampaignFileError, match="is 50 MB; campaign files are limited to 32 MB"):
        load_campaign(path)


def test_a_pipe_a_folder_or_a_missing_path(tmp_path, capsys):
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    with pytest.raises(CampaignFileError, match="not a regular file"):
        load_campaign(pipe)
    with pytest.raises(CampaignFileError, match="is a folder"):
        load_campaign(tmp_path)
    with pytest.raises(CampaignFileError, match="no such file"):
        load_campaign(tmp_path / "nope.toml")
    assert cli_main(["calc", str(pipe)]) == 1
    assert "not a regular file" in capsys.readouterr().err
    with pytest.raises(CampaignFileError, match="is a folder"):
        save_campaign(parse_campaign(""), tmp_path)


def test_one_hundred_thousand_publications(tmp_path):
    rows = "".join(
        f'[[actuals]]\nchannel = "fb"\npublication = "post {i}"\nspend = 12.5\nclicks = 20\n'
        f"conversions = 1\nrevenue = 30\n\n"
        for i in range(100_000)
    )
    path = tmp_path / "big.toml"
    path.write_text('[[channels]]\nid = "fb"\nnetwork = "facebook"\n\n' + rows, encoding="utf-8")
    from socialroi_tui import editing
    from socialroi_tui.document import CampaignDocument

    document = CampaignDocument.open(path)
    assert document.results.actual_total.measures["spend"] == D("1250000.0")
    assert len(document.results.actual_by_publication["fb"]) == 100_000
    document.apply(editing.set_budget(document.campaign, ctr=D("0.02")))
    assert document.results.actual_total.measures["conversions"] == 100_000


def test_control_characters_are_shown_not_sent():
    assert visible("a\x1b[31mb\x07c\x9bd\u2028") == "a\\x1b[31mb\\x07c\\x9bd\\x2028"
    assert visible("tab\tand\nnewline") == "tab\tand\nnewline"


# --- nothing but the documented errors escapes ---------------------------------------

toml_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.dates()
)
toml_values = st.recursive(
    toml_scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
sections = st.sampled_from(
    ["meta", "objectives", "kpis", "funnel", "channels", "budget", "actuals", "schema_version", "x"]
)


def _drop_none(value):
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(sections, toml_values, max_size=6))
def test_any_toml_document_loads_or_is_explained(document):
    text = tomli_w.dumps(_drop_none(document))
    try:
        parse_campaign(text)
    except CampaignFileError as error:
        assert error.problems


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_any_text_loads_or_is_explained(text):
    try:
        parse_campaign(text)
    except CampaignFileError as error:
        assert error.problems


field_names = st.sampled_from(
    ["ctr", "conversion_rate", "price", "budget", "target_conversions", "gross_margin"]
)


@settings(max_examples=300)
@given(field_names, st.text(max_size=30), st.sampled_from(["fr", "en"]))
def test_any_typed_value_in_a_file_loads_or_is_explained(field, value, lang):
    text = tomli_w.dumps({"meta": {"language": lang}, "budget": {field: value}})
    try:
        parse_campaign(text)
    except CampaignFileError as error:
        assert f"budget.{field}" in str(error)


@settings(max_examples=300)
@given(st.text(max_size=40), st.sampled_from(["rate", "money", "count", "number"]))
def test_any_typed_value_parses_or_says_why(text, kind):
    try:
        value = parse_number(text, kind, lang="en", field="F")
    except NumberError as error:
        assert str(error).startswith("F:")
    else:
        assert value.is_finite()
