"""Keyboard moves through a lesson's parts: Page Down / Page Up anywhere, and Space / Shift+Space
or the arrow keys when no text box, button or the step player has the focus (the player keeps
its own arrow keys). The keys press the page's own "next part" / "previous part" buttons, so a
move is the same rerun as a click. A Components v2 element with no data: constant JS, no iframe.
"""

from __future__ import annotations

import streamlit as st

_JS = """
export default function keys() {
  if (window.__attnLessonKeys) return;  // once per page: the listener outlives reruns
  window.__attnLessonKeys = true;
  document.addEventListener("keydown", (event) => {
    if (!document.querySelector(".st-key-lesson_next")) return;  // not on the lesson page
    const target = event.target;
    const typing = target.closest && target.closest(
      "input, textarea, select, button, [role=slider], [contenteditable=true], .attn-player-root"
    );
    const page = event.key === "PageDown" || event.key === "PageUp";
    if (typing && !page) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const back = event.key === "PageUp" || event.key === "ArrowLeft"
      || (event.key === " " && event.shiftKey);
    const ahead = event.key === "PageDown" || event.key === "ArrowRight"
      || (event.key === " " && !event.shiftKey);
    if (!back && !ahead) return;
    const button = document.querySelector(`.st-key-lesson_${back ? "prev" : "next"} button`);
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  });
}
"""

_COMPONENT = st.components.v2.component("attention_lesson_keys", html="<span></span>", js=_JS)


def lesson_keys() -> None:
    _COMPONENT(key="lesson-keys")
