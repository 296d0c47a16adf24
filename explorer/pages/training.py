"""Training: a probe sentence's attention epoch by epoch, with the loss curves, from the JSON the
checkpoint recorded while it trained."""

import streamlit as st

from explorer.catalog import discover
from explorer.figures import training as tf
from explorer.strings import task_label, tr
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
# The page promises "blurred -> sharp": a model recorded from epoch 1 on (English->French) is
# already sharp at its first record. On a session's first visit (not through a shared link),
# open on a model of the same kind recorded from before training instead, and say why.
if not ss.get("_training_opened"):
    ss["_training_opened"] = True
    other = tf.recorded_from_the_start(discover(), sel.entry.kind)
    if points[0]["epoch"] > 0 and not ss.get("_linked") and other is not None:
        ss["_task"], ss["_kind"] = other.task, other.kind
        ss["_training_switched"] = sel.entry.task
        st.rerun()
switched = ss.pop("_training_switched", None)
if switched is not None:
    st.info(tr("training_switched", lang, task=task_label(switched, lang)))
elif points[0]["epoch"] > 0:
    st.caption(tr("training_late_start", lang, epoch=tf.epoch_label(points[0]["epoch"])))
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
