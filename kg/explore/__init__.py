"""Stage 8, explore: what an analyst looks at.

| module | owns |
|---|---|
| :mod:`kg.explore.analysis` | networkx views of the graph: ``to_networkx``, centrality, communities, ``stats``, ``profile`` |
| :mod:`kg.explore.html` | the interactive HTML graph (pyvis + ``assets/``): ``render``, ``show`` |
| :mod:`kg.explore.overview` | what the overview keeps and how it draws it: ``backbone``, event captions, palette |
| :mod:`kg.explore.timeline` | events in time order (``kg timeline``): ``timeline``, ``format_table`` |
| :mod:`kg.explore.timeline_page` | the timeline as a page or a dossier section: ``write_timeline``, ``timeline_section`` |
| :mod:`kg.explore.dossier` | the company dossier (``kg profile``, ``kg.profile``): ``profile``, ``write_dossier`` |
| :mod:`kg.explore.progress` | progress bars on a terminal: ``article_progress``, ``step_progress`` |
"""
