"""The two 2-D pictures of one step (issue 18, explorer/figures/geometry.py): the query and the
keys in the state space, and (Bahdanau) in the additive attention space. Each draws itself from
the sentence's projection, computed once; the caption is followed by the sentence's measured
figures (how much of the scores the picture keeps)."""

from __future__ import annotations

from explorer.figures import geometry as gf
from explorer.player.panels.drawing import Own
from explorer.player.panels.panel import Panel
from explorer.strings import tr


def _panel(name: str, space: str, title: str, caption: str) -> Panel:
    key = "geometry_figures_additive" if space == "additive" else "geometry_figures"
    return Panel(
        name,
        lambda trace, t: t,
        Own(
            lambda trace, t, lang: gf.geometry_figure(trace, t, lang, space),
            lambda trace, t: gf.geometry_update(trace, t, space),
            lambda trace, t, lang: gf.geometry_table(trace, t, lang, space),
        ),
        title,
        caption,
        reveals=True,
        figures_line=lambda trace, lang: tr(key, lang, **gf.geometry_fields(trace, space)),
    )


STATE = _panel("geometry", "state", "panel_geometry", "kind:geometry_caption")
ADDITIVE = _panel(
    "geometry_additive", "additive", "panel_geometry_additive", "panel_geometry_additive_caption"
)
