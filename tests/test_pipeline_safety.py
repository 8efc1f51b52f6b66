"""Nothing lost (issue 15, cases 1-3): ids that clash across inputs, builds that read nothing, output
folders that are not kg outputs, a build into its own input folder. Real builds with the real models on
short invented news items."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import StoreError
from kg.pipeline import add, build
from kg.rdf.iris import article_iri
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DAY1 = "Fernway opened a grocery store in Cork on Monday, the Irish chain said.\n"
DAY2 = "Tessaro opened a flagship store in Milan on Tuesday, the Italian retailer said.\n"


def _texts(out: Path) -> dict[str, str]:
    with open_store(out, read_only=True) as store:
        rows = store.query("SELECT ?src ?text WHERE { GRAPH ?g { ?g kg:source ?src ; schema:text ?text } }")
        return {Path(row["src"].value).parent.name + "/" + Path(row["src"].value).name: row["text"].value
                for row in rows}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _exports(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _ids(out: Path) -> dict[str, str]:
    with open_store(out, read_only=True) as store:
        rows = store.query("SELECT ?g ?text WHERE { GRAPH ?g { ?g schema:text ?text } }")
        return {row["g"].value: row["text"].value for row in rows}


def test_same_file_name_in_another_folder_is_kept_under_its_own_id(tmp_path):
    _write(tmp_path / "day1" / "story.txt", DAY1)
    _write(tmp_path / "day2" / "story.txt", DAY2)
    out = tmp_path / "out"
    assert build([tmp_path / "day1"], out).built == 1
    report = add(out, [tmp_path / "day2"])
    assert report.built == 1
    [warning] = report.warnings
    assert warning["source"] == str(tmp_path / "day2" / "story.txt")
    assert warning["message"] == (f"article id 'story.txt' is already in the store, from {tmp_path / 'day1' / 'story.txt'}"
                                  "; stored as 'day2/story.txt' (kg add --replace replaces it instead)")
    assert _texts(out) == {"day1/story.txt": DAY1, "day2/story.txt": DAY2}
    again = add(out, [tmp_path / "day2"])  # the daily job run twice: nothing new, nothing said
    assert (again.built, again.skipped, again.warnings) == (0, 1, ())
    assert len(_texts(out)) == 2


def test_replace_is_the_explicit_way_to_overwrite(tmp_path):
    _write(tmp_path / "day1" / "story.txt", DAY1)
    _write(tmp_path / "day2" / "story.txt", DAY2)
    out = tmp_path / "out"
    build([tmp_path / "day1"], out)
    replaced = add(out, [tmp_path / "day2"], replace=True)
    assert replaced.built == 1 and replaced.warnings == ()
    assert _texts(out) == {"day2/story.txt": DAY2}


def test_one_build_of_two_folders_with_one_file_name_keeps_both(tmp_path):
    _write(tmp_path / "day1" / "story.txt", DAY1)
    _write(tmp_path / "day2" / "story.txt", DAY2)
    out = tmp_path / "out"
    report = build([tmp_path / "day1", tmp_path / "day2"], out)
    assert report.built == 2
    assert [w["message"] for w in report.warnings] == [
        f"duplicate id 'story.txt' (first read from {tmp_path / 'day1' / 'story.txt'}); read as 'day2/story.txt'"]
    assert _ids(out) == {str(article_iri("story.txt")): DAY1, str(article_iri("day2/story.txt")): DAY2}


def test_an_edited_file_is_an_update_not_a_clash(tmp_path):
    story = _write(tmp_path / "day1" / "story.txt", DAY1)
    out = tmp_path / "out"
    build([tmp_path / "day1"], out)
    story.write_text(DAY1.replace("Monday", "Friday"), encoding="utf-8")
    report = add(out, [tmp_path / "day1"])
    assert report.built == 1 and report.warnings == ()
    assert _texts(out) == {"day1/story.txt": DAY1.replace("Monday", "Friday")}


def test_a_jsonl_id_reused_in_another_file_is_not_a_silent_overwrite(tmp_path):
    first = _write(tmp_path / "a.jsonl", json.dumps({"id": "wire-1", "text": DAY1}) + "\n")
    second = _write(tmp_path / "b.jsonl", json.dumps({"id": "wire-1", "text": DAY2}) + "\n")
    out = tmp_path / "out"
    build([first], out)
    report = add(out, [second])
    assert [(w["source"], w["line"], w["message"]) for w in report.warnings] == [
        (str(second), 1, f"article id 'wire-1' is already in the store, from {first}; stored as 'b.jsonl#wire-1' "
                         "(kg add --replace replaces it instead)")]
    assert _ids(out) == {str(article_iri("wire-1")): DAY1, str(article_iri("b.jsonl#wire-1")): DAY2}


def test_a_build_that_reads_nothing_changes_nothing(tmp_path):
    _write(tmp_path / "news" / "cork.txt", DAY1)
    _write(tmp_path / "news" / "milan.txt", DAY2)
    out = tmp_path / "out"
    assert build([tmp_path / "news"], out).built == 2
    before, stored = _exports(out), _texts(out)
    (tmp_path / "empty").mkdir()
    report = build([tmp_path / "empty"], out)
    assert not report.ok and report.removed == 0 and report.articles_in_store == 2
    assert report.warnings[-1]["message"] == "2 stored articles absent from the inputs kept: no article was read"
    assert _exports(out) == before and _texts(out) == stored
    # Into a new folder, a build that reads nothing leaves nothing behind.
    assert not build([tmp_path / "empty"], tmp_path / "new").ok and not (tmp_path / "new").exists()


def test_prune_removes_only_when_asked(tmp_path):
    _write(tmp_path / "news" / "cork.txt", DAY1)
    milan = _write(tmp_path / "news" / "milan.txt", DAY2)
    out = tmp_path / "out"
    build([tmp_path / "news"], out)
    milan.unlink()
    kept = build([tmp_path / "news"], out, prune=False)
    assert kept.removed == 0 and kept.articles_in_store == 2
    pruned = build([tmp_path / "news"], out)
    assert pruned.removed == 1 and list(_texts(out)) == ["news/cork.txt"]


def test_an_output_folder_of_the_user_is_refused_untouched(tmp_path):
    mine = tmp_path / "Documents"
    _write(mine / "graph.html", "<p>my own page</p>")
    _write(mine / "report.json", '{"mine": true}')
    news = _write(tmp_path / "news" / "cork.txt", DAY1).parent
    with pytest.raises(StoreError, match=r"output folder .*Documents is not empty and not a kg output "
                                         r"\(it holds graph.html, report.json\)"):
        build([news], mine)
    assert sorted(p.name for p in mine.iterdir()) == ["graph.html", "report.json"]
    assert (mine / "graph.html").read_text() == "<p>my own page</p>"
    with pytest.raises(StoreError, match="not a kg output"):
        build([news], news)  # its own input folder, full of articles


def test_a_build_into_its_own_input_folder_never_reads_its_outputs(tmp_path):
    news = _write(tmp_path / "news" / "cork.txt", DAY1).parent
    first = build([news], news / "out")
    again = build([news], news / "out")
    assert first.read == again.read == 1 and again.skipped == 1 and again.removed == 0
    assert [w["message"] for w in again.warnings] == [f"the output folder {news / 'out'} is not read as input; "
                                                      "skipped"]


@pytest.mark.parametrize("where", ["file", "proc"])
def test_an_output_no_folder_can_be_made_at_is_one_line(tmp_path, where):
    _write(tmp_path / "afile", "not a folder")
    out = tmp_path / "afile" / "sub" if where == "file" else Path("/proc/kg-out")
    news = _write(tmp_path / "news" / "cork.txt", DAY1).parent
    with pytest.raises(StoreError, match=f"cannot create the output folder {out}: "):
        build([news], out)


HALF_WRITE = """
import sys, time
from kg.store.files import atomic_path
with atomic_path(sys.argv[1]) as tmp:
    tmp.write_bytes(b"@prefix half")
    print(tmp, flush=True)
    time.sleep(120)
"""


def test_an_export_killed_midway_leaves_no_temp_file_once_written_again(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"# the previous export\n")
    writer = subprocess.Popen([sys.executable, "-c", HALF_WRITE, str(target)], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    orphan = Path(writer.stdout.readline().strip())
    writer.send_signal(signal.SIGKILL)
    writer.wait(30)
    assert orphan.exists() and target.read_bytes() == b"# the previous export\n"  # killed: old file intact
    result = CliRunner().invoke(main, ["export", str(ROOT / "tests" / "data" / "small.trig"), "-f", "turtle",
                                       "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]
    assert target.read_bytes().startswith(b"@prefix")
