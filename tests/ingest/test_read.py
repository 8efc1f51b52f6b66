"""Ingestion: formats, metadata inference, language, bad inputs, noise spans and offsets."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kg.ingest.clean import EMOJI, HASHTAG
from kg.ingest.headers import header_date, header_title, parse_date_line
from kg.errors import InputError, KGError
from kg.ingest import detect_language, masked_text, read_inputs, segments, split_front_matter
from kg.types import Article, IngestWarning

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
SAMPLE = ROOT / "data" / "articles"
EN_SAMPLE = SAMPLE / "xiaomi-stores-france-2025-en.txt"
FR_SAMPLE = SAMPLE / "xiaomi-paris-2018-fr.txt"


@pytest.fixture(scope="module")
def fixture_items() -> list[Article | IngestWarning]:
    return list(read_inputs([DATA]))


@pytest.fixture(scope="module")
def articles(fixture_items) -> dict[str, Article]:
    return {a.id: a for a in fixture_items if isinstance(a, Article)}


@pytest.fixture(scope="module")
def warnings(fixture_items) -> list[IngestWarning]:
    return [w for w in fixture_items if isinstance(w, IngestWarning)]


@pytest.fixture(scope="module")
def samples() -> dict[str, Article]:
    return {a.lang: a for a in read_inputs([SAMPLE]) if isinstance(a, Article)}


# id -> (title, published, lang, url, line)
FORMATS = {
    "nordlys-solar-2023": ("Nordlys Energy buys Danish solar developer", dt.date(2023, 9, 4), "en",
                           "https://example.org/markets/nordlys-solar", None),
    "dated-en.txt": ("Grocery chain Fernway to open 12 stores in Ireland", dt.date(2024, 2, 3), "en", None, None),
    "dated-fr.txt": ("Le groupe Maréval ouvre une usine à Valenciennes", dt.date(2024, 3, 14), "fr", None, None),
    "undated-fr.txt": ("Le distributeur Lumea s'installe à Lyon", None, "fr", None, None),
    "https://news.example.com/retail/aurora-outdoor-manchester": (
        "Aurora Outdoor opens first UK store in Manchester", dt.date(2024, 3, 12), "en",
        "https://news.example.com/retail/aurora-outdoor-manchester", None),
    "wire-0412": ("Tessaro opens flagship in Milan", dt.date(2024, 4, 12), "en", "https://example.net/wire/0412", 1),
    "export.jsonl#L2": (None, None, "en", None, 2),
    "https://example.fr/eco/velora-bordeaux": ("Velora arrive à Bordeaux", dt.date(2024, 5, 2), "fr",
                                               "https://example.fr/eco/velora-bordeaux", 3),
    "export.jsonl#L9": (None, None, "en", None, 9),
    # .htm, language from <html lang="fr-FR">, no date metadata: the footer's "© 2023" is not a date.
    "fr-page.htm": ("Cavelle rachète le torréfacteur breton Grain d'Or", None, "fr", None, None),
    # A template default <html lang="en-US"> on a French page: the text decides.
    "template-lang.html": ("Dorvanne rachète le torréfacteur breton Moulin Bleu", None, "fr", None, None),
    "latin1.txt": ("Le détaillant Brévin ferme trois magasins à Lille", None, "fr", None, None),
}


@pytest.mark.parametrize("ident", [k for k, v in FORMATS.items() if v])
def test_each_format_gives_text_and_metadata(articles, ident):
    title, published, lang, url, line = FORMATS[ident]
    art = articles[ident]
    assert (art.published, art.lang, art.url, art.line) == (published, lang, url, line)
    if title is not None:
        assert art.title == title
    assert art.text.strip() and len(art.content_hash) == 64


def test_articles_come_in_sorted_file_order_with_relative_ids(fixture_items):
    sources = [item.source for item in fixture_items]
    assert sources == sorted(sources)
    assert [a.id for a in fixture_items if isinstance(a, Article) and a.source.endswith(".jsonl")] == [
        "wire-0412", "export.jsonl#L2", "https://example.fr/eco/velora-bordeaux", "export.jsonl#L9"]


def test_id_is_relative_to_the_input_root_and_hidden_files_are_skipped(tmp_path):
    (tmp_path / "week1" / "fr").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    shutil.copy(DATA / "dated-fr.txt", tmp_path / "week1" / "fr" / "usine.txt")
    shutil.copy(DATA / "dated-fr.txt", tmp_path / ".cache" / "copy.txt")
    shutil.copy(DATA / "dated-en.txt", tmp_path / "a.TXT")
    items = list(read_inputs([tmp_path]))
    assert [(i.id, i.source) for i in items] == [
        ("a.TXT", str(tmp_path / "a.TXT")), ("week1/fr/usine.txt", str(tmp_path / "week1/fr/usine.txt"))]
    # The same file given twice is read once; a single file's id is its name.
    assert [a.id for a in read_inputs([tmp_path / "a.TXT", str(tmp_path / "a.TXT")])] == ["a.TXT"]


def test_html_text_is_the_main_text_without_page_chrome(articles):
    text = articles["https://news.example.com/retail/aurora-outdoor-manchester"].text
    assert "opened its first store in the United Kingdom on Tuesday" in text
    for chrome in ("Accept all cookies", "Privacy", "Discount chain closes 40 stores", "Share on Facebook"):
        assert chrome not in text
    text = articles["fr-page.htm"].text
    assert text.startswith("Cavelle rachète le torréfacteur breton Grain d'Or\nLe groupe agroalimentaire")
    for chrome in ("cookies", "Accueil", "À lire aussi", "Le prix du café", "Mentions légales"):
        assert chrome not in text


def test_html_embed_noise_is_masked(articles):
    art = articles["https://news.example.com/retail/aurora-outdoor-manchester"]
    masked = masked_text(art)
    assert "Doors are open in Manchester!" in masked
    for noise in ("#AuroraUK", "🎉", "(@auroraoutdoor)"):
        assert noise in art.text and noise not in masked


def test_front_matter_is_metadata_not_text(articles):
    art = articles["nordlys-solar-2023"]
    assert art.text.startswith("Nordlys Energy buys Danish solar developer\n\nOslo-based")
    assert "---" not in art.text and "url:" not in art.text


@pytest.mark.parametrize(("block", "fields", "problem"), [
    ("---\ntitle: Deal\ndate: 2024-01-02\n---\nText", {"title": "Deal", "date": "2024-01-02"}, None),
    ("---\nauthor: Jane\n---\nText", {}, "unknown field 'author: Jane'; valid: date, id, lang, title, url"),
    ("---\ntitle: Deal\nText without a closing line", {}, "never closed"),
    ("Text\n---\ntitle: not front matter\n---\n", {}, None),
])
def test_front_matter_parsing(block, fields, problem):
    found, start, problems = split_front_matter(block)
    assert found == fields
    assert (problem is None) == (not problems) and all(problem in p for p in problems)
    assert block[start:].startswith("Text") or not fields


def test_french_sample_date_is_stated_by_front_matter_and_text_is_the_seed(samples, shared_dir):
    fr = samples["fr"]
    assert fr.published == dt.date(2018, 5, 22)
    assert fr.text == (shared_dir / "seeds" / FR_SAMPLE.name).read_text(encoding="utf-8")
    # Without front matter the text gives no full date at the top: the teasers' dates are not taken.
    seed = next(read_inputs([shared_dir / "seeds" / FR_SAMPLE.name]))
    assert (seed.published, seed.lang) == (None, "fr")


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Xiaomi relaunches its Stores in France\n\n20 November 2025\n@handle\n", "en", dt.date(2025, 11, 20)),
    ("Fernway to open 12 stores\nBy Tom Whelan · 3 February 2024\n\nFernway, the grocer, said.", "en",
     dt.date(2024, 2, 3)),
    ("Shop opens\nPublished: Nov. 20, 2025 at 10:32 GMT\nBody.", "en", dt.date(2025, 11, 20)),
    ("Usine à Valenciennes\n\nVALENCIENNES, 14 mars 2024 (AFP) - Le fabricant a inauguré une usine.", "fr",
     dt.date(2024, 3, 14)),
    ("Le magasin ouvre\nPublié le 22 mai 2018 à 10h30\nTexte.", "fr", dt.date(2018, 5, 22)),
    ("Le magasin ouvre\nmardi 22 mai 2018\nTexte.", "fr", dt.date(2018, 5, 22)),
    # A day without a year, a bare year, a relative date: not the publication date.
    ("Le magasin ouvre\n\nCe 22 mai, la boutique a ouvert.\n\n2018 sera l'année de l'Europe.", "fr", None),
    ("Shop opens\n3 days ago\nThe shop opened in 2024.", "en", None),
    # Dates of teasers below a "related" heading or below the first paragraph are not the article's.
    ("Shop opens\nShort lede.\nRelated items\nRival grows\n06/07/2018\nIt grew.", "fr", None),
    ("Shop opens\n" + "The shop opened on Market Street today after two years of work. " * 4
     + "\nRival grows\n06/07/2018\n", "en", None),
])
def test_publication_date_inferred_from_the_top(text, lang, expected):
    found = header_date(text, lang)
    assert (found.date if found else None) == expected


@pytest.mark.parametrize(("line", "lang", "expected"), [
    ("06/07/2018", "fr", dt.date(2018, 7, 6)),
    ("21/06/2018", "fr", dt.date(2018, 6, 21)),
    ("2024-03-12", "en", dt.date(2024, 3, 12)),
    ("Thursday, November 20, 2025", "en", dt.date(2025, 11, 20)),
    ("Technology 🚀", "en", None),
    ("In 2027", "en", None),
])
def test_date_lines(line, lang, expected):
    assert parse_date_line(line, lang) == expected


def test_title_is_the_headline_above_the_date_line(samples):
    assert samples["en"].title == ("Xiaomi relaunches its Stores in France, aiming to prepare the ground for "
                                   "the arrival of its cars in 2027")
    text = "Jane Doe Notes\nA summary sentence.\nShop opens in Lyon 🚀\n3 June 2024\nBody."
    assert header_title(text, header_date(text, "en")) == "Shop opens in Lyon"


@pytest.mark.parametrize(("text", "expected"), [
    ("The retailer opened its first store in Manchester on Tuesday and plans two more in Leeds.", "en"),
    ("Le fabricant a ouvert jeudi son premier magasin à Bordeaux et vise l'Espagne en 2025.", "fr"),
    ("Die Supermarktkette schließt bis Jahresende zwölf Filialen in Sachsen, teilte sie mit.", "de"),
    ("La cadena de moda abrirá veinte tiendas en México este año, según la empresa.", "es"),
    # English about German and Dutch companies: the names must not decide the language.
    ("Hallberger Maschinenfabrik GmbH of Bad Münder said Jürgen Weißenborn would succeed Klaus Oberländer "
     "as chief executive next month.", "en"),
    ("Rotterdamse Havenbedrijf Groep signed the deal with Koninklijke Van Oordt Baggerwerken in Dordrecht.", "en"),
])
def test_language_detection(text, expected):
    assert detect_language(text) == expected


def test_language_of_the_samples_is_detected_despite_mixed_noise(samples):
    assert sorted(samples) == ["en", "fr"]


# file name (line) -> message fragment; every bad item is a warning and the rest is still read.
BAD = [
    ("empty.txt", None, "empty file"),
    ("binary.txt", None, "binary file (NUL bytes)"),
    # Bytes that no codec explains are replaced and counted: the rest of the line is still read.
    ("undecodable.txt", None, "not UTF-8: line 1 read as cp1252; 2 bad bytes replaced by U+FFFD on line 1"),
    ("latin1.txt", None, "not UTF-8: lines 1, 3 read as cp1252"),
    ("login.html", None, "no text: the article is only emojis, hashtags and page furniture"),
    ("german.txt", None, "language 'de' is not supported; supported: en, fr"),
    ("template-lang.html", None, "the page declares lang 'en' but its text reads as 'fr'; read as 'fr'"),
    ("notes.md", None, "unsupported file type '.md'; supported: .htm, .html, .jsonl, .txt"),
    ("export.jsonl", 4, "malformed JSON (Expecting ',' delimiter"),
    ("export.jsonl", 6, "no 'text' (or 'html') field with content; fields found: date, title"),
    ("export.jsonl", 7, "expected a JSON object, got list"),
    ("export.jsonl", 8, "language 'de' is not supported"),
    ("export.jsonl", 9, "cannot read the date 'sometime soon'"),
    ("export.jsonl", 10, "field 'title' must be a string, got int"),
]


@pytest.mark.parametrize(("name", "line", "message"), BAD)
def test_bad_inputs_are_warnings_naming_file_and_line(warnings, name, line, message):
    hits = [w for w in warnings if w.source == str(DATA / name) and w.line == line and message in w.message]
    assert len(hits) == 1, [str(w) for w in warnings]
    where = f"{DATA / name}:{line}" if line else str(DATA / name)
    assert str(hits[0]).startswith(where + ": ")


def test_no_unexpected_warnings(warnings):
    assert len(warnings) == len(BAD)


def test_latin1_text_is_decoded_with_its_accents(articles):
    assert "Le détaillant Brévin a annoncé mardi la fermeture" in articles["latin1.txt"].text


@pytest.mark.parametrize("content", [b"", b"\n  \n", b"\x00\x01\x02"])
def test_bad_single_file_never_raises(tmp_path, content):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    items = list(read_inputs([path]))
    assert len(items) == 1 and isinstance(items[0], IngestWarning) and items[0].source == str(path)


def test_missing_path_is_an_input_error_naming_it(tmp_path):
    with pytest.raises(InputError, match="input path '.*nowhere.txt' does not exist") as err:
        read_inputs([DATA / "dated-en.txt", tmp_path / "nowhere.txt"])
    assert isinstance(err.value, KGError)


def test_english_sample_noise_is_masked(samples):
    art = samples["en"]
    masked = masked_text(art)
    assert not EMOJI.search(masked) and not HASHTAG.search(masked)
    for noise in ("Trending Now", "Latest Post", "@xiaomifrance", "♬ son original", "#XiaomiStore"):
        assert noise in art.text and noise not in masked
    for text in ("Xiaomi is making a cautious but determined comeback to the French retail landscape.",
                 "On November 15, 2025, the company opened its first new Xiaomi Store in the Créteil Soleil"):
        assert text in masked


def test_french_sample_teasers_are_text_only_the_heading_is_noise(samples):
    art = samples["fr"]
    masked = masked_text(art)
    for noise in ("Gerelateerde items", "Questions or comments?", "Shutterstock.com"):
        assert noise in art.text and noise not in masked
    for text in ("Samsung s’inquiète de sa propre croissance", "06/07/2018", "Ceconomy cède sa division russe",
                 "vient de lever 41 millions d’euros", "Ce 22 mai l’ouverture du nouveau magasin parisien"):
        assert text in masked
    # The headline is kept once; its two repeats are furniture.
    assert masked.count(art.title) == 1 and art.text.count(art.title) == 3


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_masked_text_keeps_offsets(samples, lang):
    art = samples[lang]
    masked = masked_text(art)
    assert len(masked) == len(art.text) and art.noise
    noisy = {i for s, e in art.noise for i in range(s, e)}
    assert all(m == t for i, (m, t) in enumerate(zip(masked, art.text)) if i not in noisy)
    assert all(masked[i] == " " or art.text[i] in "\r\n" for i in noisy)
    assert all(s < e and art.noise[k - 1][1] < s for k, (s, e) in enumerate(art.noise) if k)


def test_french_sample_segments_date_each_teaser(samples):
    art = samples["fr"]
    parts = segments(art)
    assert [d for _, _, d in parts] == [dt.date(2018, 5, 22), dt.date(2018, 7, 6), dt.date(2018, 7, 6),
                                        dt.date(2018, 6, 21), dt.date(2018, 6, 15), dt.date(2018, 6, 14),
                                        dt.date(2018, 6, 11)]
    assert parts[0][0] == 0 and parts[-1][1] == len(art.text)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:]))
    body, *teasers = (art.text[s:e] for s, e, _ in parts)
    assert "Ce 22 mai" in body and "Gerelateerde items" in body
    assert teasers[2].startswith("Ceconomy cède sa division russe\n\n21/06/2018")


def test_article_without_teasers_is_one_segment(samples, articles):
    assert segments(samples["en"]) == [(0, len(samples["en"].text), dt.date(2025, 11, 20))]
    en = articles["dated-en.txt"]
    assert [d for _, _, d in segments(en)] == [dt.date(2024, 2, 3), dt.date(2024, 1, 12)]


def test_reading_is_deterministic_and_hash_tracks_metadata(tmp_path):
    first = list(read_inputs([DATA]))
    assert first == list(read_inputs([DATA]))
    text = (DATA / "front-matter.txt").read_text(encoding="utf-8").replace("id: nordlys-solar-2023\n", "")
    text = text.replace("url: https://example.org/markets/nordlys-solar\n", "")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("2023-09-04", "2023-09-05"), encoding="utf-8")
    a, b = read_inputs([tmp_path])
    assert a.text == b.text and a.content_hash != b.content_hash


def test_masked_text_runs_through_spacy_with_identical_offsets(samples, request):
    pytest.importorskip("kg.nlp")
    art = samples["en"]
    doc = request.getfixturevalue("nlp_en")(masked_text(art))
    assert doc.text == masked_text(art) and doc.ents
    assert all(art.text[e.start_char:e.end_char] == e.text for e in doc.ents)


@pytest.mark.parametrize("module", ["kg.ingest.read", "kg.ingest.article", "kg.ingest.clean", "kg.ingest.headers"])
def test_docstring_examples_run(module, monkeypatch):
    import doctest
    import importlib

    monkeypatch.chdir(ROOT)  # the examples read data/articles like a user at the project root
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted and not result.failed


def test_duplicate_ids_are_warned_and_skipped(tmp_path):
    record = '{"id": "wire-1", "lang": "en", "text": "Fernway opened a store in Cork on Friday."}'
    (tmp_path / "a.jsonl").write_text(record + "\n" + record + "\n", encoding="utf-8")
    first, second = read_inputs([tmp_path])
    assert isinstance(first, Article) and first.id == "wire-1"
    assert str(second) == f"{tmp_path / 'a.jsonl'}:2: duplicate id 'wire-1' (first read from " \
                          f"{tmp_path / 'a.jsonl'}:1); skipped: give it its own id"


def test_crlf_text_keeps_offsets_and_front_matter(tmp_path):
    text = ("---\r\nlang: en\r\n---\r\nFernway to open in Cork\r\n3 February 2024\r\n\r\n"
            "Fernway will open a store in Cork. 🚀 #Retail\r\nTrending Now\r\n")
    (tmp_path / "crlf.txt").write_bytes(text.encode("utf-8"))
    art = next(read_inputs([tmp_path / "crlf.txt"]))
    assert art.text == text.split("---\r\n", 2)[2]
    assert (art.title, art.published) == ("Fernway to open in Cork", dt.date(2024, 2, 3))
    assert [art.text[s:e] for s, e in art.noise] == ["🚀 #Retail", "Trending Now"]
    assert masked_text(art).count("\r\n") == art.text.count("\r\n")


def test_navigation_furniture_above_the_headline_does_not_hide_the_date():
    text = "Home\nShare on Facebook\nFernway to open in Cork\n3 February 2024\n\nFernway will open a store."
    assert header_date(text, "en").date == dt.date(2024, 2, 3)
    assert header_title(text, header_date(text, "en")) == "Fernway to open in Cork"


@pytest.mark.parametrize(("text", "title", "noise"), [
    ("Shop opens in Lyon\n\nShop opens in Lyon\nThe shop opened on Monday.", "Shop opens in Lyon",
     ["Shop opens in Lyon"]),
    ("Hell Is Late\nThe band recorded the album in 1990.\nHell Is Late\nwas released in May.", "Hell Is Late", []),
    ("The C# developer ranked #1 in France sells Xiaomi® phones, said @fernway on Monday.", "", []),
    ("Fernway opened in Cork. Read more below.\nRead more: Fernway results\nWe use cookies to personalise content.",
     "", ["Read more: Fernway results", "We use cookies to personalise content."]),
    ("Trending stocks fell on Monday.\nLatest news: the index recovered.", "", []),
    ("Fernway opened in Cork 🎉🇮🇪 #retail #Cork\n👍👍\n— Fernway (@fernway) 3 February 2024", "",
     ["🎉🇮🇪 #retail #Cork", "👍👍", "— Fernway (@fernway) 3 February 2024"]),
    ("Photo: Fernway press office\n© Fernway 2024\nfernway.ie\nFernway opened in Cork.", "",
     ["Photo: Fernway press office", "© Fernway 2024", "fernway.ie"]),
])
def test_noise_rules(text, title, noise):
    from kg.ingest.clean import find_noise

    assert [text[s:e] for s, e in find_noise(text, title=title)] == noise


def test_utf16_with_bom_is_read(tmp_path):
    text = "Le distributeur Lumea s'installe à Lyon\n\nLe distributeur a ouvert son premier magasin lyonnais."
    (tmp_path / "windows.txt").write_bytes(text.encode("utf-16"))
    (art,) = read_inputs([tmp_path / "windows.txt"])
    assert (art.text, art.lang) == (text, "fr")


def test_title_of_an_untitled_record_is_its_first_line_cut_short(articles):
    assert articles["export.jsonl#L9"].title == ("Spanish fashion group Loreda will open 20 stores in Mexico "
                                                 "this year, the company said.")
    title = articles["export.jsonl#L2"].title
    assert title == "Shares of Halden Logistics rose 8% after the Dutch parcel carrier said it had won a " \
                    "five-year contract with a German online retailer and would hire 400 drivers …"


@pytest.mark.parametrize(("published", "expected"), [
    ("2024-01-10", dt.date(2024, 1, 10)),
    ("2024-01-10T08:30:00+01:00", dt.date(2024, 1, 10)),
    (dt.datetime(2024, 1, 10, 8, 30), dt.date(2024, 1, 10)),
    ("10 janvier 2024", dt.date(2024, 1, 10)),
])
def test_make_article_accepts_dates_in_several_forms(published, expected):
    from kg.ingest import make_article

    *warned, art = make_article("Le magasin ouvrira le 3 mars à Lyon.", ident="a", source="a.txt", lang="fr",
                                published=published)
    assert not warned and art.published == expected and type(art.published) is dt.date
