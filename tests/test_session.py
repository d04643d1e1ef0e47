"""The campaign being edited and the life of its file, without the app.

``CampaignDocument``: a field's typing is one edit, undone in one step and only that.
``CampaignSession``: open, recovery copies, save, conflicts, reload and discard.
"""

from __future__ import annotations

import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from socialroi_tui import editing
from socialroi_tui.document import CampaignDocument, UnreadableField
from socialroi_tui.recovery import find_recovery, untitled_recoveries
from socialroi_tui.session import (
    CHANGED_ON_DISK,
    DROPS_COMMENTS,
    NO_FILE_NAME,
    UNREADABLE_FIELD,
    CampaignSession,
    SaveRefused,
)
from socialroi_tui.store import dump_campaign, load_campaign
from socialroi_tui.templates import blank_campaign
from socialroi_tui.text.numbers import Ratio, input_text, parse_rate_or_ratio

SAMPLES = Path(__file__).resolve().parent.parent / "src" / "socialroi_tui" / "samples"


def _copy(name: str, folder: Path) -> Path:
    target = folder / f"{name}.toml"
    shutil.copy(SAMPLES / f"{name}.toml", target)
    return target


def _unreadable(key: str, text: str = "x") -> UnreadableField:
    return UnreadableField(key, key, text, f"'{text}' is not a number", "rate")


def _typed(document: CampaignDocument, key: str, change) -> None:
    """What a field does at a keystroke that reads: apply the edit with its key."""
    document.apply(change(document.campaign), key)


@pytest.fixture
def document(tmp_path) -> CampaignDocument:
    return CampaignDocument.open(_copy("seed-000", tmp_path))


# --- the document: one field's typing is one edit -------------------------------------


def test_unreadable_text_is_undone_without_touching_an_earlier_edit(document):
    document.apply(editing.toggle_objective(document.campaign, "awareness"))
    count_before = document.campaign.funnel.top_count
    document.mark_unreadable(_unreadable("funnel.count:0", "1000x"))
    undone = document.undo()
    assert undone is not None and undone.key == "funnel.count:0"
    assert "awareness" in [o.id for o in document.campaign.objectives]  # still there
    assert document.campaign.funnel.top_count == count_before
    assert not document.unreadable
    document.undo()
    assert "awareness" not in [o.id for o in document.campaign.objectives]


def test_a_fields_typing_undoes_in_one_step_even_after_turning_unreadable(document):
    document.apply(editing.toggle_objective(document.campaign, "awareness"))
    for text in ("1", "10", "100"):
        _typed(document, "budget.ctr", lambda c, v=text: editing.set_budget(c, ctr=D(v) / 1000))
    document.mark_unreadable(_unreadable("budget.ctr", "0,100x"))
    document.undo()
    assert document.campaign.budget.ctr == D("0.02")
    assert "awareness" in [o.id for o in document.campaign.objectives]


def test_leaving_a_field_ends_its_edit(document):
    _typed(document, "budget.ctr", lambda c: editing.set_budget(c, ctr=D("0.03")))
    document.end_typing()
    _typed(document, "budget.ctr", lambda c: editing.set_budget(c, ctr=D("0.04")))
    document.undo()
    assert document.campaign.budget.ctr == D("0.03")


def test_typing_back_what_a_field_held_leaves_nothing_to_undo_and_nothing_unsaved(document):
    _typed(document, "budget.ctr", lambda c: editing.set_budget(c, ctr=D("0.2")))
    assert document.dirty
    _typed(document, "budget.ctr", lambda c: editing.set_budget(c, ctr=D("0.02")))
    assert not document.dirty and not document.can_undo
    document.mark_unreadable(_unreadable("budget.ctr", "2x"))
    _typed(document, "budget.ctr", lambda c: editing.set_budget(c, ctr=D("0.02")))
    assert not document.can_undo and not document.unreadable


def test_the_value_before_the_typing_is_kept_not_the_one_passed_through(document):
    """Clear the CTR and type 1,5: the key 1 read as 100 %, then 1,5 does not read."""
    _typed(document, "budget.ctr", lambda c: editing.set_budget(c, ctr=None))
    _typed(document, "budget.ctr", lambda c: editing.set_budget(c, ctr=D(1)))
    assert document.mark_unreadable(_unreadable("budget.ctr", "1,5"))
    assert document.campaign.budget.ctr == D("0.02")  # the figures are those of 2 %
    assert not document.dirty  # nothing else changed: back where it was saved
    assert document.value_before("budget.ctr") == D("0.02")
    document.revert_field("budget.ctr")
    assert document.campaign.budget.ctr == D("0.02")
    assert not document.unreadable and not document.dirty


def test_keeping_a_fields_value_leaves_the_edits_made_elsewhere_since(document):
    _typed(document, "budget.ctr", lambda c: editing.set_budget(c, ctr=D(1)))
    document.mark_unreadable(_unreadable("budget.ctr", "1,5"))
    document.end_typing()
    _typed(document, "budget.price", lambda c: editing.set_budget(c, price=D(3)))
    document.revert_field("budget.ctr")
    assert document.campaign.budget.ctr == D("0.02")
    assert document.campaign.budget.price == D(3)


@pytest.mark.parametrize(
    ("key", "change"),
    [
        ("funnel.count:0", lambda c: editing.set_stage_count(c, 0, D(2000))),
        ("funnel.count:2", lambda c: editing.set_stage_count(c, 2, D(50))),
        ("funnel.step:1", lambda c: editing.set_step_rate(c, 1, D("0.5"))),
        ("funnel.top:3", lambda c: editing.set_rate_from_top(c, 3, D("0.01"))),
        ("funnel.bounce", lambda c: editing.set_bounce_rate(c, D("0.4"))),
    ],
)
def test_every_funnel_field_can_be_put_back(document, key, change):
    before = document.campaign
    shown = editing.field_value(before, key)
    _typed(document, key, change)
    assert editing.field_value(document.campaign, key) != shown
    document.end_typing()
    document.apply(editing.rename(document.campaign, "elsewhere"))
    document.revert_field(key)
    assert editing.field_value(document.campaign, key) == shown
    assert document.campaign.funnel == before.funnel
    assert document.campaign.meta.name == "elsewhere"


def test_a_count_below_a_stage_without_count_is_kept_from_the_top(document):
    campaign = editing.set_step_rate(document.campaign, 1, None)  # Partages: no count
    campaign = editing.set_step_rate(campaign, 2, D("0.3"))  # Clics: from Partages
    campaign = editing.set_stage_count(campaign, 2, D(40))
    stage = campaign.funnel.stages[2]
    assert (stage.basis, stage.rate) == ("top", D("0.04"))
    assert editing.field_value(campaign, "funnel.count:2") == D(40)


def test_a_typed_count_is_kept_as_the_ratio_of_the_counts():
    """30 out of 100 is saved as "30/100", what was typed, never as 0.2999…; a count
    below a stage whose count is not whole is a ratio of the top count."""
    campaign = blank_campaign("en")
    campaign = editing.set_stage_count(campaign, 0, D(100))
    campaign = editing.set_step_rate(campaign, 1, D("0.5"))  # 50 clicks
    campaign = editing.set_stage_count(campaign, 2, D(15))
    stage = campaign.funnel.stages[2]
    assert isinstance(stage.rate, Ratio)
    assert (stage.basis, stage.rate.as_text(), stage.rate) == ("previous", "15/50", D("0.3"))
    assert editing.field_value(campaign, "funnel.count:2") == D(15)
    assert editing.field_value(campaign, "funnel.step:2").as_text() == "15/50"  # as it is
    assert input_text(editing.field_value(campaign, "funnel.step:2"), "rate", "fr") == "15 sur 50"
    assert 'rate = "15/50"' in dump_campaign(campaign)

    campaign = editing.set_stage_count(campaign, 0, D(6000))
    campaign = editing.set_step_rate(campaign, 1, parse_rate_or_ratio("1 in 6"))  # 1 000
    assert editing.field_value(campaign, "funnel.count:1") == D(1000)
    campaign = editing.set_step_rate(campaign, 1, parse_rate_or_ratio("1 in 7"))  # 857,14…
    campaign = editing.set_stage_count(campaign, 2, D(300))
    stage = campaign.funnel.stages[2]
    assert (stage.basis, stage.rate.as_text()) == ("top", "300/6000")
    assert editing.field_value(campaign, "funnel.count:2") == D(300)
    text = dump_campaign(campaign)
    assert 'rate = "1/7"' in text and 'rate = "300/6000"' in text


def test_a_count_out_of_a_top_no_ratio_can_write_is_a_plain_rate():
    """A top count set by hand with more decimals than a ratio may hold (it could not be
    read back from the file): the rate is the plain quotient, to 28 digits."""
    campaign = blank_campaign("en")
    campaign = editing._with_funnel(campaign, top_count=D("1000.1234567"))
    campaign = editing.set_stage_count(campaign, 1, D(100))
    rate = campaign.funnel.stages[1].rate
    assert not isinstance(rate, Ratio)
    assert rate == D("0.09998765585396753348640862850")  # 100 / 1000,1234567, 28 digits
    with pytest.raises(ValueError, match="more than six decimals"):
        editing.set_step_rate(campaign, 1, Ratio(1, D("1000.1234567")))


def test_a_count_that_no_rate_can_hold_says_why():
    campaign = blank_campaign("en")
    with pytest.raises(editing.FunnelCountError) as error:
        editing.set_stage_count(campaign, 2, D(40))
    assert error.value.code == "no_top"
    campaign = editing.set_stage_count(campaign, 0, D(100))
    campaign = editing.set_step_rate(campaign, 1, D("0.5"))
    with pytest.raises(editing.FunnelCountError) as error:
        editing.set_stage_count(campaign, 1, D(150))
    assert (error.value.code, error.value.base) == ("above_base", "Impressions")


# --- the session: the file's life --------------------------------------------------


def test_a_missing_file_starts_a_new_campaign_saved_there(tmp_path):
    session = CampaignSession("fr")
    path = tmp_path / "nouveau.toml"
    opened = session.open(path)
    assert opened.recovery is None and session.path == path and not path.exists()
    assert session.document.dirty
    session.save()
    assert load_campaign(path).campaign.meta.name == "nouveau"


def test_an_untitled_campaign_asks_for_a_name(tmp_path):
    session = CampaignSession()
    session.start(blank_campaign("en"))
    with pytest.raises(SaveRefused) as refusal:
        session.save()
    assert refusal.value.reason == NO_FILE_NAME
    session.save(tmp_path / "named.toml")
    assert session.path == tmp_path / "named.toml" and not session.document.dirty


def test_a_save_never_stores_a_field_that_does_not_read(tmp_path):
    path = _copy("seed-000", tmp_path)
    session = CampaignSession()
    session.open(path)
    document = session.document
    document.apply(editing.set_budget(document.campaign, ctr=D(1)), "budget.ctr")
    document.mark_unreadable(_unreadable("budget.ctr", "1,5"))
    with pytest.raises(SaveRefused) as refusal:
        session.save()
    assert refusal.value.reason == UNREADABLE_FIELD
    assert load_campaign(path).campaign.budget.ctr == D("0.02")
    document.revert_field("budget.ctr")
    document.apply(editing.rename(document.campaign, "kept"))
    session.save()
    saved = load_campaign(path).campaign
    assert (saved.budget.ctr, saved.meta.name) == (D("0.02"), "kept")


def test_a_file_changed_elsewhere_is_not_overwritten_unless_asked(tmp_path):
    path = _copy("seed-000", tmp_path)
    session = CampaignSession()
    session.open(path)
    session.document.apply(editing.rename(session.document.campaign, "ours"))
    path.write_text(path.read_text("utf-8").replace("automne", "hiver"), "utf-8")
    with pytest.raises(SaveRefused) as refusal:
        session.save()
    assert refusal.value.reason == CHANGED_ON_DISK
    assert "hiver" in path.read_text("utf-8")
    session.save(overwrite=True)
    assert 'name = "ours"' in path.read_text("utf-8")
    assert "hiver" in (tmp_path / "seed-000.toml.bak").read_text("utf-8")


def test_comments_are_dropped_only_once_the_user_agreed(tmp_path):
    path = tmp_path / "commented.toml"
    path.write_text("# kept by hand\n" + (SAMPLES / "seed-000.toml").read_text("utf-8"), "utf-8")
    session = CampaignSession()
    assert session.open(path).has_comments
    with pytest.raises(SaveRefused) as refusal:
        session.save()
    assert refusal.value.reason == DROPS_COMMENTS
    session.save(drop_comments=True)
    assert "# kept by hand" not in path.read_text("utf-8")
    session.save()  # the file has no comment any more


def _unsaved_edit_with_copy(session: CampaignSession, path: Path) -> None:
    session.open(path)
    session.document.apply(editing.toggle_objective(session.document.campaign, "awareness"))
    session.write_recovery(session.recovery_snapshot())
    assert find_recovery(path) is not None


def test_reload_throws_the_edits_and_their_recovery_copy_away(tmp_path):
    """Conflict → Reload used to offer back, at once, the edits just thrown away."""
    path = _copy("seed-000", tmp_path)
    session = CampaignSession()
    _unsaved_edit_with_copy(session, path)
    path.write_text(path.read_text("utf-8").replace("automne", "hiver"), "utf-8")
    opened = session.reload()
    assert opened.recovery is None and find_recovery(path) is None
    assert session.document.campaign.meta.name == "Lancement e-book hiver"
    assert not session.document.dirty


def test_opening_offers_the_copy_left_by_an_earlier_run(tmp_path):
    path = _copy("seed-000", tmp_path)
    _unsaved_edit_with_copy(CampaignSession(), path)  # then the terminal closed
    session = CampaignSession()
    opened = session.open(path)
    assert opened.recovery is not None
    session.restore(opened.recovery)
    assert "awareness" in [o.id for o in session.document.campaign.objectives]
    assert session.document.dirty
    session.document.undo()  # the restored work is an edit like any other
    assert "awareness" not in [o.id for o in session.document.campaign.objectives]


def test_declining_or_saving_removes_the_copy(tmp_path):
    path = _copy("seed-000", tmp_path)
    _unsaved_edit_with_copy(CampaignSession(), path)
    session = CampaignSession()
    session.decline(session.open(path).recovery)
    assert find_recovery(path) is None
    _unsaved_edit_with_copy(session, path)
    session.save()
    assert find_recovery(path) is None


def test_a_copy_written_after_the_save_is_not_left_behind(tmp_path):
    """The copy is written by a worker thread: one that finishes after a save (or after
    "discard") must not leave unsaved work to offer back."""
    path = _copy("seed-000", tmp_path)
    session = CampaignSession()
    session.open(path)
    session.document.apply(editing.toggle_objective(session.document.campaign, "awareness"))
    snapshot = session.recovery_snapshot()
    session.save()
    session.write_recovery(snapshot)
    assert find_recovery(path) is None
    session.document.apply(editing.toggle_objective(session.document.campaign, "engagement"))
    snapshot = session.recovery_snapshot()
    session.discard()
    session.write_recovery(snapshot)
    session.write_recovery_now()
    assert find_recovery(path) is None


def test_an_untitled_campaign_keeps_one_copy_until_it_is_saved(tmp_path):
    session = CampaignSession()
    session.start(blank_campaign("en"))
    session.write_recovery_now()
    assert len(untitled_recoveries()) == 1
    restored = CampaignSession()
    restored.restore(untitled_recoveries()[0])
    assert untitled_recoveries() == []  # the new session keeps its own copy from now on
    restored.write_recovery_now()
    restored.save(tmp_path / "named.toml")
    assert untitled_recoveries() == []


def test_a_stage_rate_shows_even_where_no_count_can_be_worked_out(document):
    campaign = editing.set_step_rate(document.campaign, 1, None)  # Partages: unknown
    campaign = editing.add_stage(campaign, 1, "New")
    campaign = editing.set_step_rate(campaign, 2, D("0.05"))  # below a stage without count
    assert editing.field_value(campaign, "funnel.count:2") is None
    assert editing.field_value(campaign, "funnel.step:2") == D("0.05")
    assert editing.stage_fields(campaign.funnel)[2] == (None, D("0.05"), None)


def test_a_large_campaign_is_set_aside_from_the_collector_until_replaced(tmp_path, monkeypatch):
    """Once read, a large campaign's objects are skipped by later garbage collections
    (each pause in the typing runs one); another campaign gives them back."""
    import gc

    from socialroi_tui import collector

    monkeypatch.setattr(collector, "LARGE", 1)
    monkeypatch.setattr(collector, "set_aside", lambda: calls.append("set aside"))
    monkeypatch.setattr(collector, "take_back", lambda: calls.append("taken back"))
    calls: list[str] = []
    session = CampaignSession("en")
    path = _copy("two-ads", tmp_path)
    document = session.read(path)
    assert len(document.campaign.actuals) >= 1 and gc.isenabled()
    session.adopt(path, document)
    assert calls == ["set aside"]
    session.adopt(tmp_path / "new.toml", None)
    assert calls == ["set aside", "taken back"]


def test_the_end_of_start_up_waits_for_a_worker_holding_the_collector():
    """A large campaign is read by a worker with the collector held; the first frame
    painted meanwhile must not let it run in the middle of the read (a third slower)."""
    import gc

    from socialroi_tui import collector

    was_enabled = gc.isenabled()
    try:
        collector.hold_until_started()
        with collector.held():
            collector.start_up_ended()
            assert not gc.isenabled()
            with collector.held():  # another block, overlapping
                pass
            assert not gc.isenabled()
        assert gc.isenabled()
    finally:
        (gc.enable if was_enabled else gc.disable)()
