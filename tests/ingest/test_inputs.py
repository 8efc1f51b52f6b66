"""Nothing skipped in silence (issue 15, cases 4, 5, 7): links, unreadable folders, the output folder,
mixed encodings and HTML too deep for the main-text extractor. Sentences are invented news."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kg.ingest import read_inputs
from kg.types import Article, IngestWarning

ROOT = Path(__file__).resolve().parents[2]
STORY = ("Nordlys Energy will open a battery plant in Aarhus in 2026, the Danish utility said on Monday. "
         "The site will employ 400 people.\n")
FRENCH = "La conquête de l'Ouest : le groupe Maréval ouvre une usine à Valenciennes, a annoncé sa directrice.\n"


def _read(*paths: Path, exclude: tuple[Path, ...] = ()) -> tuple[dict[str, Article], list[IngestWarning]]:
    items = list(read_inputs(list(paths), exclude=exclude))
    return ({a.id: a for a in items if isinstance(a, Article)}, [w for w in items if isinstance(w, IngestWarning)])


def test_links_that_are_not_read_are_warnings_naming_them(tmp_path):
    news, elsewhere = tmp_path / "news", tmp_path / "elsewhere"
    news.mkdir()
    elsewhere.mkdir()
    (news / "plant.txt").write_text(STORY, encoding="utf-8")
    (elsewhere / "other.txt").write_text(STORY.replace("Aarhus", "Odense"), encoding="utf-8")
    (news / "linked-file.txt").symlink_to(elsewhere / "other.txt")
    (news / "linked-folder").symlink_to(elsewhere, target_is_directory=True)
    (news / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (news / "loop.txt").symlink_to(news / "loop.txt")
    os.mkfifo(news / "pipe.txt")
    articles, warnings = _read(news)
    assert sorted(articles) == ["linked-file.txt", "plant.txt"]
    said = {Path(w.source).name: w.message for w in warnings}
    assert said == {"linked-folder": "symbolic link to a folder; skipped (give the folder itself as an input to "
                                     "read it)",
                    "gone.txt": f"dangling symbolic link (to {str(tmp_path / 'deleted.txt')!r}); skipped",
                    "loop.txt": "symbolic link loop; skipped",
                    "pipe.txt": "not a regular file; skipped"}


def test_a_linked_folder_given_as_input_is_read(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "plant.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    articles, warnings = _read(tmp_path / "link")
    assert list(articles) == ["plant.txt"] and warnings == []


@pytest.mark.skipif(not hasattr(os, "setuid"), reason="needs POSIX users")
def test_an_unreadable_folder_is_a_warning_and_the_rest_is_read():
    # Root reads every folder, so the reader runs as an unprivileged user when the tests run as root.
    with tempfile.TemporaryDirectory() as tmp:
        news = Path(tmp) / "news"
        (news / "locked").mkdir(parents=True)
        (news / "plant.txt").write_text(STORY, encoding="utf-8")
        (news / "locked" / "secret.txt").write_text(STORY, encoding="utf-8")
        os.chmod(tmp, 0o755)
        os.chmod(news, 0o755)
        os.chmod(news / "plant.txt", 0o644)
        os.chmod(news / "locked", 0o000)
        # Privileges are dropped once the modules are loaded (the venv may be unreadable to that user).
        code = ("import os, sys; from kg.ingest import read_inputs\n"
                "list(read_inputs(['data/articles']))\n"
                "if os.geteuid() == 0: os.setgid(65534); os.setuid(65534)\n"
                "for item in read_inputs([sys.argv[1]]): print(type(item).__name__, getattr(item, 'id', '') "
                "or item.source, getattr(item, 'message', ''))")
        done = subprocess.run([sys.executable, "-c", code, str(news)], capture_output=True, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
        os.chmod(news / "locked", 0o755)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"IngestWarning {news / 'locked'} cannot read the folder: Permission denied; skipped",
        "Article plant.txt "]


def test_the_output_folder_inside_an_input_is_not_read(tmp_path):
    (tmp_path / "plant.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.html").write_text("<html><body><p>" + STORY * 3 + "</p></body></html>")
    articles, warnings = _read(tmp_path, tmp_path / "out" / "graph.html", exclude=(tmp_path / "out",))
    assert list(articles) == ["plant.txt"]
    assert [(Path(w.source).name, w.message.split(" is ")[0]) for w in warnings] == [
        ("out", f"the output folder {tmp_path / 'out'}"),
        ("graph.html", f"a file of the output folder {tmp_path / 'out'}")]


def test_one_stray_byte_costs_one_character_not_the_accents(tmp_path):
    path = tmp_path / "maréval.txt"
    path.write_bytes(FRENCH.encode() + "Les travaux commencent en mai ".encode() + b"\x96\xff" + "à Lille.\n".encode())
    articles, warnings = _read(path)
    text = articles["maréval.txt"].text
    assert text.startswith(FRENCH)  # "conquête", not "conquÃªte"
    assert text.endswith("Les travaux commencent en mai \ufffd\ufffdà Lille.\n")
    assert [w.message for w in warnings] == ["not UTF-8: 2 bad bytes replaced by U+FFFD on line 2"]


def test_a_cp1252_line_in_a_utf8_file_is_read_as_cp1252(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(FRENCH.encode() + "Le détaillant Brévin ferme trois magasins.\n".encode("cp1252"))
    articles, warnings = _read(path)
    assert articles["mixed.txt"].text == FRENCH + "Le détaillant Brévin ferme trois magasins.\n"
    assert [w.message for w in warnings] == ["not UTF-8: line 2 read as cp1252"]


def _nested(depth: int, body: str) -> str:
    return "<html lang='en'><head><title>Plant</title></head><body>" + "<div>" * depth + body + \
        "</div>" * depth + "<script>var tracking = 1;</script></body></html>"


def test_html_too_deep_for_the_extractor_is_read_as_plain_text(tmp_path):
    body = "".join(f"<p>{sentence.strip()}.</p>" for sentence in (STORY * 3).split(".") if sentence.strip())
    (tmp_path / "deep.html").write_text(_nested(255, body), encoding="utf-8")
    (tmp_path / "shallow.html").write_text(_nested(20, body), encoding="utf-8")
    articles, warnings = _read(tmp_path)
    assert [w.message for w in warnings] == ["no main text found by the extractor (too deeply nested?); read all "
                                             "visible text in the HTML page"]
    assert warnings[0].source.endswith("deep.html")
    deep = articles["deep.html"]
    assert "Nordlys Energy will open a battery plant in Aarhus in 2026" in deep.text
    assert "tracking" not in deep.text and deep.title == "Plant" and deep.lang == "en"
    # The fallback keeps the same sentences as the extractor where the extractor works.
    assert deep.text.split() == articles["shallow.html"].text.split()


def test_a_deep_page_without_text_is_still_no_article(tmp_path):
    (tmp_path / "menu.html").write_text(_nested(300, "<a href='/'>Home</a> <a href='/news'>News</a>"))
    articles, warnings = _read(tmp_path)
    assert articles == {} and [w.message for w in warnings] == ["no main text found in the HTML page"]


def test_one_id_in_two_files_keeps_both_the_second_named_by_its_file(tmp_path):
    record = '{{"id": "wire-1", "lang": "en", "text": "{}"}}\n'
    (tmp_path / "a.jsonl").write_text(record.format("Fernway opened a store in Cork on Friday."), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(record.format("Tessaro opened a store in Milan on Monday."), encoding="utf-8")
    (tmp_path / "day1").mkdir()
    (tmp_path / "day2").mkdir()
    (tmp_path / "day1" / "story.txt").write_text("Fernway opened a store in Cork on Friday.\n", encoding="utf-8")
    (tmp_path / "day2" / "story.txt").write_text("Tessaro opened a store in Milan on Monday.\n", encoding="utf-8")
    items = list(read_inputs([tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "day1", tmp_path / "day2"]))
    assert [i.id for i in items if isinstance(i, Article)] == ["wire-1", "b.jsonl#wire-1", "story.txt",
                                                               "day2/story.txt"]
    assert [str(i) for i in items if isinstance(i, IngestWarning)] == [
        f"{tmp_path / 'b.jsonl'}:1: duplicate id 'wire-1' (first read from {tmp_path / 'a.jsonl'}:1); "
        "read as 'b.jsonl#wire-1'",
        f"{tmp_path / 'day2' / 'story.txt'}: duplicate id 'story.txt' (first read from "
        f"{tmp_path / 'day1' / 'story.txt'}); read as 'day2/story.txt'"]
