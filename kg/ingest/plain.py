"""Plain text of an HTML page when the main-text extractor gives up (e.g. markup nested deeper than
lxml's 255 levels): every visible text node, one block element a paragraph.

The standard library's parser keeps no tree, so depth costs nothing; it knows nothing of page
furniture either, which the noise rules of :mod:`kg.ingest.clean` then mask as they do for any text.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

#: elements whose content is never text a reader sees
_HIDDEN = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
#: elements that end a paragraph
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
           "article", "header", "footer", "blockquote", "pre", "hr", "main", "aside", "nav", "dd", "dt", "figure"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def plain_text(html: str) -> tuple[str, str | None]:
    """The visible text of ``html`` (paragraphs separated by a blank line) and its ``<title>``.

    Examples
    --------
    >>> plain_text("<title>Deal</title><div><div><p>Nordlys buys  Vento.</p><script>x=1</script><p>Done.</p>")
    ('Nordlys buys Vento.\\n\\nDone.', 'Deal')
    """
    parser = _Text()
    parser.feed(html)
    parser.close()
    paragraphs = (re.sub(r"\s+", " ", block).strip() for block in "".join(parser.parts).split("\n\n"))
    title = re.sub(r"\s+", " ", "".join(parser.title)).strip() or None
    return "\n\n".join(p for p in paragraphs if p), title
