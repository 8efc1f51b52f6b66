"""Names of one article that name one organisation although they are written differently.

The resolver keys a name by its own text, so "GM" and "General Motors" get two keys; inside an article
the text ties them, and these rules say when:

* **Initials.** A name written in capitals ("GM", "P&G", "H.P.") whose letters are the initials of one
  other organisation name of the article ("General Motors", "Procter & Gamble", "Hewlett-Packard"):
  both are organisations and co-occur, and only one name of the article spells those initials.
* **Short form.** A one-word organisation name that is the first word of one longer organisation name of
  the article whose other words only say what kind of company it is ("Duke" of "Duke Energy", "Chrysler"
  of "Chrysler Group"): words of :data:`kg.lexicon.cues` ``company_head`` and ``company_noun``.
* **Acronym spelt out.** A name in capitals that opens one longer organisation name whose other words are
  two or more names, none a place or a common word ("PSA" of "PSA Peugeot Citroën"; not "GM" of "GM Korea").

Each join returns the reason the resolver writes into ``kg:resolution``.
"""
from __future__ import annotations

import functools
import re

from kg import lexicon
from kg.lexicon import places
from kg.lexicon.words import words

#: small words initials skip ("Bank of America" is BoA or BA; "Procter & Gamble" is PG)
_SKIP = frozenset({"and", "of", "the", "&", "de", "du", "des", "et", "la", "le", "les", "for", "d'", "l'"})
_ACRONYM = re.compile(r"[A-Z](?:[A-Z&.\-]|\s?&\s?){1,7}")


def acronym_letters(text: str) -> str | None:
    """The letters of a name written as an acronym ("P&G" -> "PG", "U.A.W." -> "UAW"), else None.

    Examples
    --------
    >>> acronym_letters("P & G"), acronym_letters("GM"), acronym_letters("Apple")
    ('PG', 'GM', None)
    """
    text = text.strip()
    if not _ACRONYM.fullmatch(text):
        return None
    letters = re.sub(r"[^A-Z]", "", text)
    return letters if 2 <= len(letters) <= 6 else None


def initials(name: str) -> str:
    """Initials of a name's words, small linking words skipped, hyphenated parts counted.

    Examples
    --------
    >>> initials("Hewlett-Packard"), initials("Procter & Gamble"), initials("Bank of America")
    ('HP', 'PG', 'BA')
    """
    words = [w for w in re.split(r"[\s\-]+", places.fold(name).replace("&", " & ")) if w and w not in _SKIP]
    return "".join(w[0] for w in words if w[0].isalnum()).upper()


@functools.lru_cache(maxsize=None)
def _kind_words(lang: str) -> frozenset[str]:
    return frozenset(places.fold(w) for kind in ("company_head", "company_noun")
                     for w in lexicon.cues(kind, lang))


def org_joins(names: dict[str, str], lang: str, first: dict[str, int] | None = None) -> dict[str, tuple[str, str]]:
    """Organisation keys of one article that join another: ``{key: (target key, reason)}``.

    ``names`` maps each organisation key of the article to one surface form of it (its most
    frequent). A target never joins anything itself. ``first`` (key -> offset of its first mention), when
    given, allows the later short form (:func:`_later_short_form`).

    Examples
    --------
    >>> org_joins({"organization/gm": "GM", "organization/general motors": "General Motors",
    ...            "organization/duke": "Duke", "organization/duke energy": "Duke Energy"}, "en")["organization/gm"]
    ('organization/general motors', "initials 'GM' spell 'General Motors' (same article)")
    >>> org_joins({"organization/duke": "Duke", "organization/duke energy": "Duke Energy"}, "en")
    {'organization/duke': ('organization/duke energy', "short form 'Duke' of 'Duke Energy' (same article)")}
    """
    out: dict[str, tuple[str, str]] = {}
    long_names = {k: s for k, s in names.items() if len(k.split("/", 1)[1].split()) > 1}
    kinds = _kind_words(lang)
    # computed once, not for each short name: in a long article that is quadratic
    spells: dict[str, list[str]] = {}
    first_words: dict[str, list[str]] = {}
    for k, s in long_names.items():
        for letters in dict.fromkeys((initials(s), initials(k.split("/", 1)[1]))):
            spells.setdefault(letters, []).append(k)
        first_words.setdefault(k.split("/", 1)[1].split()[0], []).append(k)
    for key, surface in sorted(names.items()):
        if key in long_names:
            continue
        letters = acronym_letters(surface)
        if letters:
            # the key drops the legal form: "General Electric Co" spells GE, not GEC
            spelled = spells.get(letters, [])
            if len(spelled) == 1:
                out[key] = (spelled[0], f"initials {surface!r} spell {long_names[spelled[0]]!r} (same article)")
                continue
            # "PSA" of "PSA Peugeot Citroën": the capitals begin a name whose other words are names too
            begun = [k for k in first_words.get(key.split("/", 1)[1], ()) if _spelt_out(long_names[k])]
            if not spelled and len(begun) == 1:
                out[key] = (begun[0], f"{surface!r} begins {long_names[begun[0]]!r} (same article)")
            continue
        word = key.split("/", 1)[1]
        longer = [k for k in first_words.get(word, ()) if all(w in kinds for w in k.split("/", 1)[1].split()[1:])]
        if len(longer) == 1:
            out[key] = (longer[0], f"short form {surface!r} of {long_names[longer[0]]!r} (same article)")
        elif first is not None and (target := _later_short_form(key, first_words.get(word, []), first, lang)) \
                and not any(w.isupper() or any(c.isdigit() for c in w) for w in long_names[target].split()[1:]):
            # a code in the long name ("Mac OS X Lion", "Orbix 2 Pro") names a product line, not the firm
            out[key] = (target, f"short form {surface!r} written after {long_names[target]!r} (same article)")
    return out


def _spelt_out(name: str) -> bool:
    """The words after an acronym are two or more names, none a place or a common word ("PSA Peugeot Citroën";
    not "GM Korea", "IBM Watson Health", "EDF Energy", where the acronym's firm has a unit of that name)."""
    tail = name.split()[1:]
    common = words("en").common
    return len(tail) >= 2 and all(
        w.isalpha() and w[:1].isupper() and not w.isupper() and places.lookup(w) is None
        and places.fold(w) not in common for w in tail)


def _later_short_form(key: str, longer: list[str], first: dict[str, int], lang: str) -> str | None:
    """The longer name a one-word name shortens when the article writes the long name first and the short
    one only after it ("Magento Commerce ... Magento"), no other organisation written before the short one
    starts with the word but names that extend the long one ("Magento Commerce Cloud"; a name first
    written after the short one cannot be what it shortens), and the long name's other words only say
    what trade the firm is in (``company_head``, ``company_noun``, ``trade_word``: "Acme Foundation",
    "Chevrolet Tahoe", a heading "Acme Removes Malware" are other things). A company the gazetteer lists
    under the short name ("Google" before "Google Ventures") is a name of its own."""
    start = first.get(key, -1)
    longer = sorted((k for k in longer if first.get(k, 1 << 62) < start), key=lambda k: (len(k), k))
    if not longer or key.split("/", 1)[1] in _listed():
        return None
    target = longer[0]
    tail = target.split("/", 1)[1].split()[1:]
    trade = _kind_words(lang) | {places.fold(w) for w in lexicon.cues("trade_word", lang)}
    if any(not k.startswith(target + " ") for k in longer[1:]) or not all(w in trade for w in tail):
        return None
    return target


@functools.lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    return frozenset(places.fold(c) for c in lexicon.companies())
