"""About: the models, how to read the figures, what the weights do not tell, how to retrain
(each checkpoint's recorded command), the checkpoints found, and credits."""

import streamlit as st

from explorer.catalog import discover, portable_command
from explorer.figures import tables
from explorer.strings import tr
from explorer.views import models
from explorer.views.ui import page_start

lang = page_start().lang
st.title(tr("about_title", lang))
st.markdown(tr("about_intro", lang))

st.subheader(tr("about_models_title", lang))
st.markdown(tr("about_models", lang))

st.subheader(tr("about_reading_title", lang))
st.markdown(tr("about_reading", lang))

st.subheader(tr("about_caveat_title", lang))
st.markdown(tr("about_caveat", lang))

st.subheader(tr("about_retrain_title", lang))
st.markdown(tr("about_retrain", lang))
catalog = discover()
commands = [  # as a reader can copy them: into runs/, never over the shipped checkpoints
    portable_command(entry.config["training"]["command"], entry.name)
    for task in catalog.values()
    for entry in task.values()
    if isinstance(entry.config, dict)
    and isinstance(entry.config.get("training"), dict)
    and isinstance(entry.config["training"].get("command"), str)
]
# Plain text: the syntax highlighter's colours fail WCAG AA contrast (axe-core).
st.code("\n".join(commands), language=None, wrap_lines=True)
st.markdown(tr("about_retrain_after", lang))

st.subheader(tr("about_checkpoints_title", lang))
statuses = {
    entry.name: models.get(entry).status for task in catalog.values() for entry in task.values()
}
st.dataframe(tables.models_table(catalog, statuses, lang), hide_index=True)

st.subheader(tr("about_credits_title", lang))
st.markdown(tr("about_credits", lang))
