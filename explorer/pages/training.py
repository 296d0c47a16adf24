"""Training: a probe sentence's attention epoch by epoch, with the loss curves, from the JSON the
checkpoint recorded while it trained."""

import streamlit as st

from explorer.figures import training as tf
from explorer.strings import tr
from explorer.views import sentence as sv
from explorer.views import ui

sel = ui.page_start()
lang = sel.lang
st.title(tr("training_title", lang))
st.caption(tr("training_intro", lang))
if sel.entry is None or not sel.entry.present:
    ui.show_unavailable(sel)
    st.stop()

history = tf.records(sel.entry.config)
points = tf.snapshots(sel.entry.config)  # before training, tenths of epoch 1, every epoch
sources = tf.probe_sources(points)
if not history or not points:
    st.info(tr("training_no_history", lang))
    st.stop()

ss = st.session_state
if ss.get("training_probe") not in sources and sources:
    ss["training_probe"] = sources[0]
n = len(points)
# Opens at the first record (before training where it was recorded), so a class watches the
# alignment form from a blur (issue 14). The labels are epochs (0, 0.1, ... 1, 2, ...).
ui.keep_choice("training_epoch", list(range(n)), 0)
left, right = st.columns([3, 2])
source = None
if sources:
    source = left.selectbox(tr("training_probe_label", lang), sources, key="training_probe")
if n > 1:
    right.select_slider(
        tr("training_epoch_label", lang),
        options=list(range(n)),
        key="training_epoch",
        format_func=lambda i: tf.epoch_label(points[i]["epoch"]),
        help=tr("training_epoch_help", lang),
    )
k = ss["training_epoch"]
epoch = tf.epoch_label(points[k]["epoch"])

probe = tf.probe_at(points, k, source) if source else None
if probe is None:
    st.info(tr("training_no_probe", lang))
else:
    st.caption(tr("training_output", lang, epoch=epoch))
    st.code(tf.output_text(probe, sel.task), language=None, wrap_lines=True)
    if probe["attention"] is None:
        st.info(tr("training_no_attention", lang))
    else:
        st.markdown(f"**{tr('training_matrix_title', lang, epoch=epoch)}**")
        st.caption(tr("training_matrix_caption", lang))
        sv.chart(tf.probe_figure(probe, lang), "training-matrix")

st.subheader(tr("training_loss_title", lang))
st.caption(tr("training_loss_caption", lang))
sv.chart(
    tf.loss_figure(history, tf.history_index(history, points[k]["epoch"]), lang), "training-loss"
)
with st.expander(tr("show_table", lang)):
    st.dataframe(tf.history_table(history, lang), hide_index=True)
