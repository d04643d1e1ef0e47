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


# --- plausibility warnings: text from files never reaches them as markup or escapes ----

HOSTILE_EXPORT = (
    b"Ad name;Platform;Impressions;Reach;Link clicks;Purchases\n"
    b'"[/] \x1b[31mred\x07 [bold]";"[link=x]instagram[/link]";1 000;1 500;1 200;1 300\n'
    b'[/];"\x1b]0;title\x07";2 000;100;50;60\n'
)


def test_markup_and_escapes_in_a_csv_do_not_reach_the_import_warnings(tmp_path, capsys):
    from socialroi_tui.presenter import import_warning_lines
    from socialroi_tui.store.csv_import import read_export

    preview = read_export(HOSTILE_EXPORT, "hostile.csv")
    assert [w.line for w in preview.warnings] == [2, 2, 2, 3]
    for lang in ("fr", "en"):
        lines = import_warning_lines(preview.warnings, lang, "EUR")
        assert len(lines) == 4
        assert not any("[" in line or "\x1b" in line or "\x07" in line for line in lines)
    export = tmp_path / "hostile.csv"
    export.write_bytes(HOSTILE_EXPORT)
    campaign = tmp_path / "c.toml"
    campaign.write_text('[meta]\nname = "x"\n', encoding="utf-8")
    assert cli_main(["import", str(export), "--into", str(campaign), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "line 3: ⚠ Conversions 60 > Clicks 50: rarely possible" in out
    assert load_campaign(campaign).campaign.actuals[0].publication.startswith("[/] \x1b[31m")


async def test_a_hostile_export_and_file_name_show_literally_in_the_preview(tmp_path):
    from socialroi_tui.tui.dialogs.choice import ChoiceDialog
    from tui.helpers import copy_sample, loaded, make_app, text_of

    export = tmp_path / "[bold]x[red] \x1b[31m.csv"
    export.write_bytes(HOSTILE_EXPORT)
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#prompt-input").value = str(export)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        message = text_of(app, ".dialog-message")
        assert message.startswith("[bold]x[red] \\x1b[31m.csv (meta)")
        warnings = text_of(app, "#preview-warnings")
        assert "ligne 3\u00a0: ⚠ Conversions 60 > Clics 50\u00a0: rarement possible" in warnings
        await pilot.click("#answer-import")
        await pilot.pause()
        assert len(app.document.campaign.actuals) == 2


async def test_markup_typed_in_the_result_and_kpi_forms_leaves_the_warnings_alone(tmp_path):
    from socialroi_tui.tui.dialogs.kpi import KpiEditor
    from socialroi_tui.tui.dialogs.results import ResultEditor
    from tui.helpers import copy_sample, loaded, make_app, text_of

    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="dashboard")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ResultEditor)
        editor.query_one("#result-publication").value = "[/] [bold]"
        editor.query_one("#result-impressions").value = "[/]"
        editor.query_one("#result-clicks").value = "[red]1[/red]"
        await pilot.pause()
        assert text_of(app, "#result-warnings") == ""
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("2", "down", "down", "enter")  # the CTR row of the sample
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, KpiEditor) and editor.mapping.kpi == "ctr"
        editor.query_one("#kpi-target").value = "[/] 50 %"
        editor.query_one("#kpi-actual").value = "[bold]"
        await pilot.pause()
        assert text_of(app, "#kpi-warnings") == ""
        await pilot.click("#kpi-ok")
        await pilot.pause()
        assert "'[/] 50 %' is not a number" in text_of(app, "#kpi-error")
