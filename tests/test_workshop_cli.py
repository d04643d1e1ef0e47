"""The trainer's commands: release workbooks, read where the room is, collect answers."""

from __future__ import annotations

import json
import os

import pytest
from tests.test_workshop import fill

from socialroi_tui.cli import main
from socialroi_tui.engine.workshop import blank_fields, workshop_progress
from socialroi_tui.store import load_campaign, save_campaign
from socialroi_tui.store.workshop import participant_file_name


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def trainer(tmp_path, capsys):
    path = tmp_path / "trainer.toml"
    assert run(capsys, "new", path, "--template", "workshop-en")[0] == 0
    return path


def test_release_to_n_participants(trainer, tmp_path, capsys):
    room = tmp_path / "room"
    code, out, err = run(capsys, "workshop", "release", trainer, "--to", room, "--participants", 3)
    assert code == 0, err
    files = sorted(p.name for p in room.iterdir())
    assert files == ["participant-01.toml", "participant-02.toml", "participant-03.toml"]
    assert "3 written, 0 left as they were" in out
    campaign = load_campaign(room / "participant-02.toml").campaign
    workshop = campaign.workshop
    assert workshop.participant == "Participant 02"
    assert workshop.progress == {}
    assert all(step.answer == "" for step in workshop.steps)
    assert not any(check.hidden for step in workshop.steps for check in step.checks)
    assert not any(f.filled for step in workshop.steps for f in blank_fields(campaign, step))
    text = (room / "participant-02.toml").read_text("utf-8")
    assert "answer =" not in text and "hidden =" not in text and "trainer's workbook" not in text
    assert "50 000 clicks, 2 500 000" not in text


def test_release_never_overwrites_a_participants_file(trainer, tmp_path, capsys):
    room = tmp_path / "room"
    names = tmp_path / "names.txt"
    names.write_text("Ann\nBob\n", "utf-8")
    run(capsys, "workshop", "release", trainer, "--to", room, "--names", names)
    ann = room / "ann.toml"
    worked = fill(load_campaign(ann).campaign, 2)
    save_campaign(worked, ann)
    before = ann.read_bytes()
    names.write_text("Ann\nBob\nCleo\n", "utf-8")
    code, out, err = run(capsys, "workshop", "release", trainer, "--to", room, "--names", names)
    assert code == 0
    assert ann.read_bytes() == before
    assert "ann.toml: already exists, left as it is" in err and "bob.toml" in err
    assert "cleo.toml: the workbook of Cleo" in out
    assert "1 written, 2 left as they were" in out


def test_release_in_french_with_names(trainer, tmp_path, capsys):
    room = tmp_path / "salle"
    names = tmp_path / "noms.txt"
    names.write_text("\ufeffÉlodie Dupré\r\n\r\n  Jean  Martin \r\n", "utf-8")
    code, out, _ = run(
        capsys, "workshop", "release", trainer, "--to", room, "--names", names, "--lang", "fr"
    )
    assert code == 0
    assert sorted(p.name for p in room.iterdir()) == ["jean-martin.toml", "élodie-dupré.toml"]
    campaign = load_campaign(room / "jean-martin.toml").campaign
    assert campaign.workshop.participant == "Jean Martin"
    assert campaign.meta.language == "fr"
    assert "2 écrits" in out


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("/absolute/path", "absolute-path"),
        ("..", "participant-07"),
        ("\x1b[31mred\x07", "31mred"),
        ("CON", "participant-07"),
        ("nul.txt", "participant-07"),
        ("a\u202eb", "a-b"),
        ("x" * 300, "x" * 60),
        ("   ", "participant-07"),
        (".hidden", "hidden"),
        ("C:\\Windows\\evil", "c-windows-evil"),
    ],
)
def test_hostile_names_give_safe_file_names(name, expected):
    assert participant_file_name(name, 7) == expected


def test_hostile_names_stay_in_the_folder(trainer, tmp_path, capsys):
    room = tmp_path / "room"
    names = tmp_path / "names.txt"
    names.write_text("../escape\n/tmp/abs\n\x1b]0;title\x07Eve\nEve\neve\n", "utf-8")
    code, out, _ = run(capsys, "workshop", "release", trainer, "--to", room, "--names", names)
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert not (tmp_path / "escape.toml").exists()
    files = sorted(p.name for p in room.iterdir())
    assert files == ["0-title-eve.toml", "escape.toml", "eve-2.toml", "eve.toml", "tmp-abs.toml"]
    for path in room.iterdir():
        participant = load_campaign(path).campaign.workshop.participant
        assert "\x1b" not in participant and "\x07" not in participant


def test_release_refuses_what_it_cannot_use(trainer, tmp_path, capsys):
    room = tmp_path / "room"
    plain = tmp_path / "plain.toml"
    run(capsys, "new", plain)
    code, _, err = run(capsys, "workshop", "release", plain, "--to", room, "--participants", 2)
    assert code == 1 and "not a workbook" in err
    assert not room.exists()
    empty = tmp_path / "empty.txt"
    empty.write_text("\n \n", "utf-8")
    code, _, err = run(capsys, "workshop", "release", trainer, "--to", room, "--names", empty)
    assert code == 1 and "no name in it" in err
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"name\n" * 300_000)
    code, _, err = run(capsys, "workshop", "release", trainer, "--to", room, "--names", huge)
    assert code == 1 and "huge.txt: is over 1 MB" in err
    code, _, err = run(capsys, "workshop", "release", trainer, "--to", room, "--participants", 0)
    assert code == 2
    code, _, err = run(capsys, "workshop", "release", trainer, "--to", room)
    assert code == 2 and err.count("\n") == 1


def _room(trainer, tmp_path, capsys):
    """Three participants: one finished, one three steps in, one not started."""
    room = tmp_path / "room"
    names = tmp_path / "names.txt"
    names.write_text("Ann\nBob\nCleo\n", "utf-8")
    run(capsys, "workshop", "release", trainer, "--to", room, "--names", names)
    for name, steps in (("ann", 7), ("bob", 3)):
        path = room / f"{name}.toml"
        save_campaign(fill(load_campaign(path).campaign, steps), path)
    return room


def test_status_shows_where_everyone_is(trainer, tmp_path, capsys):
    room = _room(trainer, tmp_path, capsys)
    assert workshop_progress(load_campaign(room / "ann.toml").campaign).steps_done == 7
    code, out, _ = run(capsys, "workshop", "status", room)
    assert code == 0
    lines = [line for line in out.splitlines() if line.startswith("| ")]
    assert lines[1].startswith("| Ann | ann.toml | 7 | 7/7 | 15 | 0 |")
    assert lines[2].startswith("| Bob | bob.toml | 4 | 3/7 | 7 | 0 |")
    assert lines[3].startswith("| Cleo | cleo.toml | 1 | 0/7 | 0 | 0 |")
    code, out, _ = run(capsys, "workshop", "status", room, "--format", "json")
    rows = json.loads(out)
    assert [(r["participant"], r["steps_done"], r["total"]) for r in rows] == [
        ("Ann", 7, 7),
        ("Bob", 3, 7),
        ("Cleo", 0, 7),
    ]
    assert all(r["saved"] for r in rows)
    code, out, _ = run(capsys, "workshop", "status", room, "--format", "csv", "--lang", "fr")
    assert out.splitlines()[0].startswith("Participant,Fichier,Étape atteinte")
    assert out.splitlines()[2].startswith("Bob,bob.toml,4,3/7,7,0,")


def test_status_reports_an_unreadable_file_as_a_row(trainer, tmp_path, capsys):
    room = _room(trainer, tmp_path, capsys)
    (room / "broken.toml").write_text("[meta\n", "utf-8")
    (room / "plain.toml").write_text("[meta]\nname = 'x'\n", "utf-8")
    (room / "binary.toml").write_bytes(b"\xff\xfe\x00")
    (room / "ann.toml.bak").write_text("ignored", "utf-8")
    os.mkdir(room / "folder.toml")
    code, out, _ = run(capsys, "workshop", "status", room)
    assert code == 0
    assert "| broken.toml |" in out and "unreadable: line 1, column 6" in out
    assert "| plain.toml |" in out and "not a workbook" in out
    assert "| binary.toml |" in out and "UTF-8" in out
    assert "| folder.toml |" in out
    assert ".bak" not in out
    assert "| Ann | ann.toml | 7 | 7/7 |" in out


def test_status_of_a_missing_or_empty_folder(tmp_path, capsys):
    code, _, err = run(capsys, "workshop", "status", tmp_path / "nowhere")
    assert code == 1 and "no such folder" in err
    code, _, err = run(capsys, "workshop", "status", tmp_path)
    assert code == 1 and "no workbook" in err


def test_collect_puts_everyones_answers_next_to_the_trainers(trainer, tmp_path, capsys):
    room = _room(trainer, tmp_path, capsys)
    out_path = tmp_path / "answers.md"
    code, out, err = run(
        capsys, "workshop", "collect", room, "--trainer", trainer, "--format", "md", "-o", out_path
    )
    assert code == 0, err
    document = out_path.read_text("utf-8")
    assert document.startswith("# Answers: From an objective to the ROI, in seven steps")
    step4 = document.split("## Step 4")[1].split("## Step 5")[0]
    assert "| Trainer | 1,000 | 2% | 2% | €2.00 |" in step4
    assert "| Ann | 1,000 | 2% | 2% | €2.00 |" in step4
    assert "| Bob | — | — | — | — |" in step4
    assert "| Cleo | — | — | — | — |" in step4
    step3 = document.split("## Step 3")[1].split("## Step 4")[0]
    assert "| Bob | 100 | 30 | 5 |" in step3
    code, out, _ = run(capsys, "workshop", "collect", room)
    assert code == 0 and "| Ann |" in out and "Trainer" not in out


def test_report_on_a_workbook_shows_its_progress(trainer, tmp_path, capsys):
    room = _room(trainer, tmp_path, capsys)
    code, out, _ = run(capsys, "report", room / "bob.toml")
    assert code == 0
    assert "Participant: Bob" in out
    assert "Step 4 of 7 reached, 3 done; 7 checks passed, 0 hints used" in out
    assert "| Step 3: Follow a post down the funnel | Funnel | ✓ done | 3 | 0 |" in out
    code, out, _ = run(capsys, "report", room / "bob.toml", "--lang", "fr")
    assert "Étape 4 sur 7 atteinte" in out


def test_report_xlsx_of_a_workbook_has_a_workshop_sheet(trainer, tmp_path, capsys):
    import zipfile

    room = _room(trainer, tmp_path, capsys)
    target = tmp_path / "bob.xlsx"
    code, _, err = run(capsys, "report", room / "bob.toml", "--format", "xlsx", "-o", target)
    assert code == 0, err
    with zipfile.ZipFile(target) as book:
        names = book.read("xl/workbook.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
    assert 'name="Workshop"' in names
    assert "Step 4 of 7 reached, 3 done" in strings
    assert "funnel.count:1 = 100; funnel.count:2 = 30; funnel.count:3 = 5" in strings


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_new_from_the_workshop_templates(tmp_path, capsys, lang):
    path = tmp_path / "x.toml"
    code, out, _ = run(capsys, "new", path, "--template", f"workshop-{lang}")
    assert code == 0 and out.endswith(("created\n", "créé\n"))
    campaign = load_campaign(path).campaign
    assert campaign.meta.language == lang and len(campaign.workshop.steps) == 7
