"""Training: a probe sentence's attention epoch by epoch, with the loss curves, from the JSON the
checkpoint recorded while it trained."""

import streamlit as st

from explorer import training_figures as tf
from explorer import ui, whatif_state
from explorer.strings import tr

sel = ui.page_start()
lang = sel.lang
st.title(tr("training_title", lang))
st.caption(tr("training_intro", lang))
if sel.entry is None or not sel.entry.present:
    ui.show_unavailable(sel)
    st.stop()

history = tf.records(sel.entry.config)
sources = tf.probe_sources(history)
if not history:
    st.info(tr("training_no_history", lang))
    st.stop()

ss = st.session_state
if ss.get("training_probe") not in sources and sources:
    ss["training_probe"] = sources[0]
n = len(history)
# Opens at the first record, so a class watches the alignment form (issue 14).
ss["training_epoch"] = min(max(int(ss.get("training_epoch", 1)), 1), n)
left, right = st.columns([3, 2])
source = None
if sources:
    source = left.selectbox(tr("training_probe_label", lang), sources, key="training_probe")
if n > 1:
    right.slider(
        tr("training_epoch_label", lang), 1, n, key="training_epoch",
        help=tr("training_epoch_help", lang),
    )  # fmt: skip
k = ss["training_epoch"] - 1
epoch = history[k]["epoch"]

probe = tf.probe_at(history, k, source) if source else None
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
        whatif_state.chart(tf.probe_figure(probe, lang), "training-matrix")

st.subheader(tr("training_loss_title", lang))
st.caption(tr("training_loss_caption", lang))
whatif_state.chart(tf.loss_figure(history, k, lang), "training-loss")
with st.expander(tr("show_table", lang)):
    st.dataframe(tf.history_table(history, lang), hide_index=True)
