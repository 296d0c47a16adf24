"""The line view (explorer/figures/lines.py): source and output tokens in two columns, a line
for every weight above a threshold, the step's own lines in orange."""

from __future__ import annotations

from explorer.figures import lines
from explorer.player.panels.drawing import Own
from explorer.player.panels.panel import Panel

PANEL = Panel(
    "lines",
    lambda trace, t: t,
    Own(lines.line_figure, lines.line_update, lines.line_table),
    "panel_lines",
    "panel_lines_caption",
    reveals=True,
)
