"""Undo Penn-style tokenisation of benchmark text, keeping a map of character offsets.

SENTiVENT is released tokenised only ("AMD ' s latest", "do n't", "` `quoted' '", "$ 249 ,"). The
product reads news as published; fed spaced-out tokens, the parser loses possessives, negation and
quotes ("AMD ' s deal" has no possessor). Scoring on the conventional spelling measures what an
analyst's text would give; gold spans move with the map, so nothing is re-annotated.
"""
from __future__ import annotations

#: tokens written against the word before them
CLOSING = frozenset({".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "n't", "'s", "'re", "'ve", "'ll", "'d",
                     "'m", "''", "..."})
#: tokens written against the word after them
OPENING = frozenset({"(", "[", "{", "$", "``", "#"})


def detokenize(text: str) -> tuple[str, list[int]]:
    """The text with conventional spacing, and for every offset of ``text`` (and its end) the offset in it.

    Examples
    --------
    >>> new, where = detokenize("AMD ' s chips cost $ 249 , she said ` ` today ' ' .")
    >>> print(new)
    AMD's chips cost $249, she said "today".
    >>> start, end = move((21, 24), where)
    >>> new[start:end]
    '249'
    """
    out: list[str] = []
    size = 0
    where = [0] * (len(text) + 1)
    pos = 0
    for li, line in enumerate(text.split("\n")):
        if li:
            where[pos] = size
            out.append("\n")
            size, pos = size + 1, pos + 1
        tokens = line.split(" ")
        starts, p = [], pos
        for t in tokens:
            starts.append(p)
            p += len(t) + 1
        glue = True  # no space before the first token of a line
        k = 0
        while k < len(tokens):
            tok, start, width = tokens[k], starts[k], len(tokens[k])
            pair = tokens[k + 1] if k + 1 < len(tokens) else None
            # pairs the tokeniser split: "' s" -> "'s", "` `" -> '"', "' '" -> '"'
            if (tok == "'" and pair in ("s", "S", "re", "ve", "ll", "d", "m")) or (tok, pair) in (("`", "`"), ("'", "'")):
                tok, width, k = tok + pair, width + 1 + len(pair), k + 1
            written = '"' if tok in ("``", "''") else tok
            if out and not glue and tok not in CLOSING and tok:
                out.append(" ")
                size += 1
            for j in range(width):  # every character of a merged pair maps into the written token
                where[start + j] = size + min(j, max(len(written) - 1, 0))
            out.append(written)
            size += len(written)
            glue = tok in OPENING or not tok
            k += 1
        pos = p - 1
        where[pos] = size
    where[len(text)] = size
    return "".join(out), where


def move(span: tuple[int, int], where: list[int]) -> tuple[int, int]:
    """A (start, end) span of the tokenised text in the detokenised one."""
    start, end = span
    return where[start], where[end - 1] + 1 if end > start else where[start]
