"""Grammar helpers for the relation rules: slots of a trigger in the dependency tree.

They hide the difference between the English model's ClearNLP labels (``prep``/``pobj``, ``attr``)
and the French model's Universal Dependencies labels (``nmod`` + ``case``, ``cop``), so one rule
serves both languages.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.extract.relations.base import OBJ, PASSIVE_SUBJ, PP_HOLDERS, RELATIVE, SUBJ, Ctx
from kg.nlp.cues import doc_text


def mention_at(ctx: Ctx, tok: Token, want: frozenset[str]) -> int | None:
    """The mention of a wanted type at ``tok``, or named by its apposition ("the company, Xiaomi")."""
    i = ctx.tok_mention.get(tok.i)
    if i is not None and ctx.mentions[i].type in want:
        return i
    if i is None:
        for child in tok.children:
            # "the company Xiaomi" (name after), "the Northwind Outdoor Stores" (name inside the noun phrase)
            if child.dep_ in ("appos", "flat:name") and child.i > tok.i or child.dep_ == "compound":
                j = ctx.tok_mention.get(child.i)
                if j is not None and ctx.mentions[j].type in want:
                    return j
    return None


def mentions_at(ctx: Ctx, tok: Token, want: frozenset[str]) -> list[int]:
    """Every mention :func:`mention_at` ``tok`` names, each item of a list in apposition included:
    "by Irish emigrants Sean Doyle and Martin Keane", "with her sisters Clara and Ines"."""
    first = mention_at(ctx, tok, want)
    if first is None or ctx.tok_mention.get(tok.i) is not None:
        return [] if first is None else [first]
    found = [first]
    for child in tok.children:
        if child.dep_ in ("appos", "flat:name") and child.i > tok.i:
            found += [m for c in coordinated(child)[1:] for m in [mention_at(ctx, c, want)] if m is not None]
    return sorted(set(found))


def coordinated(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("Paris and Lyon"), in text order."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(coordinated(child))
    return sorted(out, key=lambda t: t.i)


def place_chain(tok: Token) -> list[Token]:
    """A place and what refines it: "Cincinnati, Ohio", "Paris and Lyon", "Linden City of Harrow Province"."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in ("conj", "appos", "npadvmod", "nmod", "flat:name") and child.i > tok.i:
            out.extend(place_chain(child))
        elif child.dep_ == "prep" and child.lower_ in ("of", "in"):
            out.extend(t for g in child.children if g.dep_ == "pobj" for t in place_chain(g))
    return sorted(out, key=lambda t: t.i)


def pp_objects(ctx: Ctx, tok: Token, group: str) -> list[Token]:
    """Objects of ``tok``'s prepositions listed in lexicon ``group`` (EN ``prep``/``pobj``, FR ``case``)."""
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ == "prep" and ctx.lex.has(group, child.lower_):
            out.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
        elif child.dep_ in PP_HOLDERS:
            case = [g for g in child.children if g.dep_ in ("case", "fixed")]
            if case and ctx.lex.has(group, case[0].lower_):
                out.append(child)
    return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ or c.dep_ in ("auxpass", "aux:pass") for c in verb.children)


def clause_subject(ctx: Ctx, verb: Token, want: frozenset[str], depth: int = 0) -> list[int]:
    """Mentions that are the subject of ``verb``'s clause, following relatives, participles and conjuncts."""
    if depth > 3:
        return []
    found: list[int] = []
    for child in verb.children:
        if child.dep_ in SUBJ:
            for tok in coordinated(child):
                m = mention_at(ctx, tok, want)
                if m is not None:
                    found.append(m)
                elif tok.lower_ in RELATIVE and verb.dep_ in ("relcl", "acl:relcl"):
                    found.extend(_noun_referent(ctx, verb.head, want, depth + 1))
                elif tok.pos_ in ("NOUN", "PROPN"):
                    found.extend(_noun_referent(ctx, tok, want, depth + 1))
            if found:
                return found
    if any(c.dep_ in SUBJ and c.pos_ == "PRON" and c.lower_ not in RELATIVE for c in verb.children):
        return found  # "which she founded": the subject is "she", unresolved, not the clause's noun
    if verb.dep_ in ("acl", "amod", "acl:relcl", "relcl"):
        return _noun_referent(ctx, verb.head, want, depth + 1)
    if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and verb.head is not verb:
        return clause_subject(ctx, verb.head, want, depth + 1)
    return found


def _noun_referent(ctx: Ctx, noun: Token, want: frozenset[str], depth: int) -> list[int]:
    """Who a common noun stands for: itself if a mention, else what it is predicated of."""
    m = mention_at(ctx, noun, want)
    if m is not None:
        return [m]
    return holders(ctx, noun, want, depth)


def holders(ctx: Ctx, noun: Token, want: frozenset[str], depth: int = 0) -> list[int]:
    """Mentions a role noun is said of: "Tim Cook, CEO", "CEO Tim Cook", "X is (the) CEO", "served as CEO".

    Examples
    --------
    In "Tim Cook is the CEO of Apple", the holder of "CEO" is the mention "Tim Cook".
    """
    if depth > 3:
        return []
    x = noun
    # "chairman and CEO": climb the coordination of role nouns to its first member.
    coordinated_with_verb = None
    while x.dep_ == "conj" and mention_at(ctx, x.head, want) is None and x.head is not x:
        if x.head.pos_ in ("VERB", "AUX"):  # "X is an executive, and the current CEO of Y"
            coordinated_with_verb = x.head
            break
        x = x.head
    if x is not noun and x.dep_ == "pobj" and x.head.head is not x.head:
        # "publisher of The Post and chief executive of X": the parser hung the second role on the
        # object of the first; the holder is the first role's
        x = x.head.head
    if x.dep_ in ("appos", "compound", "conj", "nmod", "amod", "flat:name") and x.head is not x:
        m = mention_at(ctx, x.head, want)
        if m is not None:
            return [m]
        if x.dep_ == "appos" and x.head.pos_ in ("NOUN", "PROPN"):  # "a businessman, CEO and owner of X"
            return holders(ctx, x.head, want, depth + 1)
    for tok in (noun, x):
        for child in tok.children:
            if child.dep_ in ("appos", "flat:name") and child.i > tok.i:
                m = mention_at(ctx, child, want)
                if m is not None:
                    return [m]
    # French copula: "Jean Dupont est directeur général de ..." (the noun heads the clause).
    if any(c.dep_ == "cop" for c in x.children):
        return clause_subject(ctx, x, want, depth + 1)
    verb = coordinated_with_verb
    if verb is not None:
        pass
    elif x.dep_ in ("attr", "oprd", "acomp", "xcomp"):
        verb = x.head
    elif x.dep_ in ("pobj",) and x.head.lower_ in ("as", "like") and x.head.head is not x.head:
        verb = x.head.head
    elif x.dep_ in PP_HOLDERS and any(c.lower_ in ("comme", "en") for c in x.children if c.dep_ == "case"):
        verb = x.head
    elif (frame := _role_frame(ctx, x)) is not None:
        verb = frame.head  # "took the position of CFO", "occupera la fonction de directeur": the taker holds it
    if verb is None:
        return []
    # "the board appointed him CEO": the direct object holds the role.
    objs = [c for c in verb.children if c.dep_ in OBJ and c.i < x.i]
    if objs:
        found = [m for o in objs for m in [mention_at(ctx, o, want)] if m is not None]
        if found:
            return found
    return clause_subject(ctx, verb, want, depth + 1)


def _role_frame(ctx: Ctx, x: Token) -> Token | None:
    """The noun "position"/"fonction" that ``x`` (a title) is the complement of, if it is a verb's object."""
    if x.dep_ == "pobj" and x.head.lower_ == "of":
        frame = x.head.head
    elif x.dep_ in PP_HOLDERS and any(c.lower_ in ("de", "d'", "d’") for c in x.children if c.dep_ == "case"):
        frame = x.head
    else:
        return None
    if frame is x or not ctx.lex.has("noun.role_frame", frame.lemma_.lower()) or frame.dep_ not in OBJ:
        return None
    return frame


_TITLE_GROUPS = ("role.ceo", "role.founder", "role.subsidiary", "role.parent", "role.competitor",
                 "role.partner", "role.title")


def is_former(ctx: Ctx, first: Token, head: Token) -> bool:
    """Whether a past-role word ("former", "ex-", "ancien") qualifies the title, before it or its names:
    "Tom LaSorda, former Chrysler President" is not Chrysler's president now."""
    if any(ctx.lex.has("title.former", c.lower_) for c in head.children if c.dep_ in ("amod", "advmod")):
        return True
    i = first.i - 1
    while i >= first.sent.start and first.i - i <= 4:
        word = ctx.doc[i]
        if ctx.lex.has("title.former", word.lower_.rstrip("-")):
            return True
        if not (word.pos_ in ("PROPN", "DET", "PUNCT") and word.text != "," or i in ctx.tok_mention):
            return False
        i -= 1
    return False


def title_phrase(ctx: Ctx, tok: Token) -> tuple[str, str, Token, Token] | None:
    """The longest lexicon title around ``tok`` ("chief executive officer"): (group, text, first, last)."""
    # three rules ask this of the same tokens
    if ctx.memo is None:
        return _present_title(ctx, tok)
    key = ("title_phrase", tok.i)
    if key not in ctx.memo:
        ctx.memo[key] = _present_title(ctx, tok)
    return ctx.memo[key]


#: the title groups a person holds ("role.subsidiary", "role.parent" ... are said of companies)
PERSON_TITLES = ("role.ceo", "role.founder", "role.title")


def past_title(ctx: Ctx, group: str, first: Token, head: Token) -> bool:
    """A person's title qualified as past ("former CEO"); a company once a subsidiary is still one in
    the facts' history, so company groups are never past."""
    return group in PERSON_TITLES and is_former(ctx, first, head)


def _present_title(ctx: Ctx, tok: Token) -> tuple[str, str, Token, Token] | None:
    found = _title_phrase(ctx, tok)
    return None if found is not None and past_title(ctx, found[0], found[2], tok) else found


def _title_phrase(ctx: Ctx, tok: Token) -> tuple[str, str, Token, Token] | None:
    doc = tok.doc
    lex = ctx.lex
    sent = tok.sent
    left = tok.i
    while left > sent.start and doc[left - 1].dep_ in ("compound", "amod", "nmod") \
            and doc[left - 1].head.i in range(left, tok.i + 1) and doc[left - 1].i not in ctx.tok_mention:
        left -= 1
    right = tok.i
    while right + 1 < sent.end and doc[right + 1].dep_ in ("amod", "flat", "fixed") \
            and doc[right + 1].head.i in range(tok.i, right + 1) and doc[right + 1].i not in ctx.tok_mention:
        right += 1
    text = doc_text(doc)
    lemma_groups = lex.groups_of(tok.lemma_.lower())
    best = None
    for a in range(left, tok.i + 1):
        # a window's text starts with its first token, so only the lemma of ``tok`` alone can match
        # when that token starts no term
        starts_term = not lex.prefixes or doc[a].lower_ in lex.prefixes
        if not starts_term and not (a == tok.i and lemma_groups):
            continue
        start = doc[a].idx
        for b in range(right, tok.i - 1, -1):
            if not starts_term and b != tok.i:
                continue
            last = doc[b]
            words = text[start:last.idx + len(last.text)].lower()
            found = lex.groups_of(words)
            if a == tok.i and b == tok.i:
                found = found | lemma_groups
            if any(group in found for group in _TITLE_GROUPS):
                if best is None or (b - a) > (best[3].i - best[2].i):
                    best = next(g for g in _TITLE_GROUPS if g in found), doc[a:b + 1].text, doc[a], doc[b]
    return _with_modifiers(ctx, best) if best is not None else None


def _with_modifiers(ctx: Ctx, best: tuple[str, str, Token, Token]) -> tuple[str, str, Token, Token]:
    group, first, last = ranked_title(ctx, best[0], best[2].i, best[3].i)
    doc = best[2].doc
    return group, doc[first:last + 1].text, doc[first], doc[last]


def ranked_title(ctx: Ctx, group: str, first: int, last: int) -> tuple[str, int, int]:
    """Widen the title on tokens ``first..last`` over the rank words around it ("deputy head",
    "directrice financière", "directeur général délégué"): the lexicon's terms are the cores, and cutting
    a rank off changes who the person is. A deputy's rank ("délégué", "adjoint", "deputy") makes a chief
    executive's title a plain title: the deputy does not run the firm.
    """
    doc, lex = ctx.doc, ctx.lex
    start, end = doc[first].sent.start, doc[first].sent.end

    def rank(i: int) -> bool:
        return start <= i < end and i not in ctx.tok_mention and \
            (lex.has("title.modifier", doc[i].lower_) or lex.has("title.deputy", doc[i].lower_))

    while rank(first - 1):
        first -= 1
    while rank(last + 1):
        last += 1
    if group == "role.ceo" and any(lex.has("title.deputy", doc[i].lower_) for i in range(first, last + 1)):
        group = "role.title"
    return group, first, last
