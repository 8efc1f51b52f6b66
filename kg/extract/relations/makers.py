"""Who makes, sells or publishes a product (``produces``), read from the grammar that links the two.

A product is credited to a company only when the sentence ties them; the organisation that merely
shares the sentence is not its maker ("Boeing believes passengers will want aircraft like the A380" says
nothing about who builds the A380). Four readings, in both languages:

1. a making verb (``verb.make``): "Airbus builds the A380", "Xiaomi présente quelques produits,
   notamment des téléviseurs", "Nintendo a vendu 7 millions de Switch"; passive and participle with
   their agent: "the A380, built by Airbus", "un jeu développé par Valve";
2. a maker noun (``noun.maker``) said of the company: "smartphone maker Xiaomi", "Xiaomi, the
   world's largest maker of smartphones", "X est le premier fabricant de consoles", "le fabricant de
   smartphones chinois Xiaomi vient d'ouvrir" (the name right after the noun phrase);
3. the product with its maker: "Xiaomi smartphones", "Apple's iPhone", "its new A380 airliner",
   "l'iPhone d'Apple", "a chip from Qualcomm", "Pokémon Go, le jeu de Niantic".

The lexical groups are in ``data/lexicons/relations_{en,fr}.txt``.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.relations.base import OBJ, ORG, PASSIVE_SUBJ, PP_HOLDERS, SUBJ, Ctx, doc_tokens, make_fact
from kg.extract.relations.grammar import clause_subject, coordinated, holders, is_passive, mention_at, pp_objects
from kg.types import Fact

PRODUCT = frozenset({"Product"})
#: how an object reaches the products it lists: "phones and tablets", "produits, notamment des X",
#: "7 millions de Switch", "the A380 airliner", "la plateforme Steam"
_LISTING = frozenset({"conj", "appos", "compound", "flat:name", "nmod", "pobj", "prep"})


#: French present, past-participle and imperfect endings of -er verbs: the small model's lemmatizer leaves
#: "présente" and "dévoilent" as they are (it reads them as adjectives or nouns)
_ER_ENDINGS = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "era", "eront", "ant")


def _is_making(ctx: Ctx, tok: Token) -> bool:
    forms = {(tok.lemma_ or tok.text).lower(), tok.lower_}
    if (ctx.doc.lang_ or "en")[:2] == "fr":
        forms |= {tok.lower_[: -len(e)] + "er" for e in _ER_ENDINGS if tok.lower_.endswith(e)}
    return any(ctx.lex.has("verb.make", f) for f in forms)


def _follows(ctx: Ctx, child: Token) -> bool:
    """Whether a product named at ``child`` is one the phrase above it lists."""
    if child.dep_ not in _LISTING or child.pos_ in ("VERB", "AUX"):
        return False
    if child.dep_ == "prep":
        return ctx.lex.has("prep.product", child.lower_)
    if child.dep_ == "nmod":  # "7 millions de Switch"; "la plateforme Steam" has no preposition at all
        case = [c.lower_ for c in child.children if c.dep_ == "case"]
        return not case or ctx.lex.has("prep.product", case[0])
    return True


def _products_under(ctx: Ctx, tok: Token, depth: int = 0) -> list[int]:
    """Product mentions the phrase at ``tok`` names: itself, what it lists, its "of/de" complements."""
    if depth > 4:
        return []
    found = [m for m in [mention_at(ctx, tok, PRODUCT)] if m is not None]
    for child in tok.children:
        if _follows(ctx, child):
            found.extend(_products_under(ctx, child, depth + 1))
    return found


def _objects(verb: Token) -> list[Token]:
    out = [c for c in verb.children if c.dep_ in OBJ]
    # the small French model hangs a name it cannot parse on the verb as "dep" ("a développé Half-Life")
    out += [c for c in verb.children if c.dep_ == "dep" and c.pos_ == "PROPN" and c.i > verb.i]
    return [t for o in out for t in coordinated(o)]


def _named_by(ctx: Ctx, noun: Token) -> list[int]:
    """Organisations a common noun is named by when the French model hangs the name on it as a bare
    nmod: "le constructeur Renault", "le fabricant de smartphones chinois Xiaomi"."""
    return [m for c in noun.children if c.dep_ == "nmod" and c.i > noun.i and not any(
        g.dep_ == "case" for g in c.children) for m in [mention_at(ctx, c, ORG)] if m is not None]


def _subjects(ctx: Ctx, verb: Token) -> list[int]:
    found = clause_subject(ctx, verb, ORG)
    return found or [m for c in verb.children if c.dep_ in SUBJ for m in _named_by(ctx, c)]


def _agents(ctx: Ctx, verb: Token) -> list[int]:
    """Organisations of the verb's "by"/"par" phrase (the English model labels "by" ``agent``)."""
    phrases = pp_objects(ctx, verb, "prep.agent")
    phrases += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return [m for t in phrases for c in coordinated(t) for m in [mention_at(ctx, c, ORG)] if m is not None]


def rule_making_verb(ctx: Ctx) -> Iterator[Fact]:
    """Reading 1: the subject (or "by" agent) of a making verb produces the products of its object."""
    for verb in doc_tokens(ctx):
        # the small French model tags "lance" in "Renault lance une voiture" as a noun with an object
        verbal = verb.pos_ in ("VERB", "AUX", "PROPN") or any(c.dep_ in OBJ for c in verb.children)
        if not verbal or not _is_making(ctx, verb):
            continue
        agents = _agents(ctx, verb)
        if is_passive(verb) or verb.dep_ in ("acl", "amod") and agents:  # "the A380, built by Airbus"
            items = [verb.head] if verb.dep_ in ("acl", "amod") else [c for c in verb.children if c.dep_ in PASSIVE_SUBJ]
            makers, products = agents, [m for t in items for c in coordinated(t) for m in _products_under(ctx, c)]
        else:
            makers = _subjects(ctx, verb)
            products = [m for o in _objects(verb) for m in _products_under(ctx, o)]
        for s in makers:
            for p in sorted(set(products)):
                yield make_fact(ctx, verb, s, "produces", p, None, "making_verb", 0.75)


def _right_after(ctx: Ctx, noun: Token) -> int | None:
    """An organisation named right after the maker noun's phrase ("le fabricant de smartphones chinois
    Xiaomi vient de ...": the small French model leaves the name outside the noun phrase)."""
    nxt = noun.right_edge.i + 1
    if nxt >= len(ctx.doc) or noun.dep_ not in ("ROOT", "nsubj", "dep") or noun.head.i > noun.i and noun.dep_ != "nsubj":
        return None
    return mention_at(ctx, ctx.doc[nxt], ORG)


def _possessed(noun: Token) -> bool:
    """"its maker", "son éditeur": the possessor is what the clause is about."""
    return any(c.dep_ in ("poss", "nmod:poss") or c.dep_ == "det" and "Yes" in c.morph.get("Poss")
               for c in noun.children)


def rule_maker_noun(ctx: Ctx) -> Iterator[Fact]:
    """Reading 2: a maker noun's holder produces what the noun is a maker of."""
    for noun in doc_tokens(ctx):
        if noun.pos_ not in ("NOUN", "PROPN") or not ctx.lex.has("noun.maker", noun.lemma_.lower() if noun.lemma_ else noun.lower_):
            continue
        products = [m for t in pp_objects(ctx, noun, "prep.product") for c in coordinated(t)
                    for m in _products_under(ctx, c)]
        products += [m for c in noun.children if c.dep_ == "compound" and c.i < noun.i
                     for m in [mention_at(ctx, c, PRODUCT)] if m is not None]
        if not products and _possessed(noun):  # "Pokémon Go a rapporté ... à son éditeur Niantic Labs"
            verb = next((up for up in noun.ancestors if up.pos_ in ("VERB", "AUX")), None)
            products = clause_subject(ctx, verb, PRODUCT) if verb is not None else []
        if not products:
            continue
        named = mention_at(ctx, noun, ORG)
        makers = [named] if named is not None else holders(ctx, noun, ORG) + _named_by(ctx, noun)
        if not makers:
            after = _right_after(ctx, noun)
            makers = [after] if after is not None else []
        for s in makers:
            for p in sorted(set(products)):
                yield make_fact(ctx, noun, s, "produces", p, None, "maker_noun", 0.75)


def _owner_of(ctx: Ctx, tok: Token) -> list[int]:
    """Organisations a product phrase is "of": possessive, compound before it, "d'Apple", "from Qualcomm"."""
    out = []
    for child in tok.children:
        if child.dep_ in ("poss", "nmod:poss") or child.dep_ == "compound" and child.i < tok.i:
            m = mention_at(ctx, child, ORG)
            if m is not None:
                out.append(m)
    for t in pp_objects(ctx, tok, "prep.maker"):
        m = mention_at(ctx, t, ORG)
        # "The Division de l'éditeur français Ubisoft": the maker noun is named by the company
        out += [m] if m is not None else _named_by(ctx, t) if ctx.lex.has("noun.maker", t.lower_) else []
    return out


def _bought(ctx: Ctx, tok: Token) -> bool:
    """Whether the product phrase is something a customer holds: "the delivery of its new A380s", "sa
    flotte d'A320": the possessor is the buyer or operator, not the maker."""
    for up in list(tok.ancestors)[:4]:
        if up.pos_ in ("VERB", "AUX"):
            return False
        if ctx.lex.has("noun.customer", (up.lemma_ or up.text).lower()):
            return True
    return False


def rule_product_of(ctx: Ctx) -> Iterator[Fact]:
    """Reading 3: "Xiaomi smartphones", "its A380 airliner", "l'iPhone d'Apple", "X, le jeu de Niantic"."""
    seen: set[int] = set()
    for tok in doc_tokens(ctx):
        p = ctx.tok_mention.get(tok.i)
        if p is None or p in seen or ctx.mentions[p].type != "Product":
            continue
        m = ctx.mentions[p]
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or tok.i != span.root.i:
            continue
        seen.add(p)
        if _bought(ctx, tok):
            continue
        owners = _owner_of(ctx, tok)
        if tok.dep_ == "compound" and tok.head.i > tok.i:  # "its new A380 airliner", "Xiaomi smartphone users"
            owners += [o for o in _owner_of(ctx, tok.head) if ctx.mentions[o].start < m.start]
        for child in tok.children:  # "Pokémon Go, le jeu de Niantic"
            if child.dep_ in ("appos",) or child.dep_ in PP_HOLDERS and not any(c.dep_ == "case" for c in child.children):
                owners += [o for t in pp_objects(ctx, child, "prep.maker") for o in [mention_at(ctx, t, ORG)] if o is not None]
        for s in sorted(set(owners)):
            yield make_fact(ctx, tok, s, "produces", p, None, "product_of", 0.75)
