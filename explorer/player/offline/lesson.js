// The lesson file's shell (explorer/player/export.py, lesson_html): one part per screen with
// its text, the app's own step player mounted on the part's payload, and its check, graded
// here from the answer computed with the part's decoding (explorer/lessons/offline.py); the exit
// ticket as Markdown. Runs after the player's code in the same module: it uses el(), player()
// and libraries(). Every string goes in as text (textContent), math through KaTeX.

function lessonFile(json, root) {
  const lesson = JSON.parse(json);
  const L = lesson.labels;
  const parts = lesson.parts;
  const records = {}; // part index -> { given, correct }
  const seconds = {}; // part index -> seconds spent on it
  let at = -1;
  let since = performance.now();
  let katex = null;

  const fill = (template, fields) =>
    template.replace(/\{(\w+)\}/g, (all, name) => (name in fields ? String(fields[name]) : all));

  function writeRich(node, segments) {
    node.replaceChildren();
    for (const [kind, text] of segments) {
      if (kind === "m" && katex) {
        const span = el("span");
        katex.render(text, span, { throwOnError: false });
        node.appendChild(span);
      } else {
        const tag = { b: "strong", i: "em", c: "code" }[kind] || "span";
        node.appendChild(el(tag, "", text));
      }
    }
    return node;
  }

  function writeParagraphs(node, paragraphs) {
    node.replaceChildren();
    let list = null;
    for (const p of paragraphs) {
      if (p.item) {
        if (!list) node.appendChild((list = el("ul")));
        list.appendChild(writeRich(el("li"), p.segments));
      } else {
        list = null;
        node.appendChild(writeRich(el("p"), p.segments));
      }
    }
  }

  // The page: navigation, the part's title and text, its check, the player, the exit ticket.
  const nav = el("nav", "attn-lesson-nav");
  const prev = el("button", "attn-button attn-lesson-prev", L.lesson_prev);
  const next = el("button", "attn-button attn-lesson-next", L.lesson_next);
  const jump = el("select", "attn-lesson-jump");
  jump.setAttribute("aria-label", L.lesson_ticket_part);
  parts.forEach((part, i) => {
    const option = el("option", "", `${i + 1}. ${part.title}`);
    option.value = String(i);
    jump.appendChild(option);
  });
  const progress = el("span", "attn-lesson-progress");
  nav.append(prev, jump, next, progress);
  const title = el("h2", "attn-lesson-title");
  const columns = el("div", "attn-lesson-columns");
  const text = el("div", "attn-lesson-text");
  const check = el("section", "attn-lesson-check");
  columns.append(text, check);
  const line = el("p", "attn-lesson-line");
  const stage = el("div", "attn-lesson-player");
  stage.appendChild(el("div", "attn-player-root"));
  const ticket = el("section", "attn-lesson-ticket");
  const download = el("button", "attn-button attn-lesson-download", L.lesson_ticket_md);
  ticket.append(el("h3", "", L.lesson_ticket_label), download);
  root.replaceChildren(nav, title, columns, line, stage, ticket);

  function tick() {
    const now = performance.now();
    if (at >= 0) seconds[at] = (seconds[at] || 0) + (now - since) / 1000;
    since = now;
  }

  function showProgress() {
    const done = Object.values(records).length;
    const right = Object.values(records).filter((r) => r.correct).length;
    progress.textContent = fill(L.lesson_offline_part, {
      n: at + 1, total: parts.length, done, right,
    });
  }

  function feedback(box, part, correct) {
    const c = part.check;
    const said = el("p", correct ? "attn-lesson-right" : "attn-lesson-wrong");
    said.setAttribute("role", "status");
    said.appendChild(el("strong", "", correct ? L.lesson_right : fill(L.lesson_wrong, { right: c.right_text })));
    said.appendChild(document.createTextNode(" "));
    said.appendChild(writeRich(el("span"), c.why));
    box.replaceChildren(said);
  }

  function answer(i, given, box) {
    const c = parts[i].check;
    let correct;
    if (c.kind === "number") {
      correct = Number.isFinite(given) && Math.abs(given - c.right) <= c.tolerance + 1e-9;
    } else {
      correct = given === c.right || c.accepted.includes(given);
    }
    const shown = c.kind === "number" ? given.toFixed(3) : c.shown[String(given)];
    records[i] = { given: shown, correct };
    feedback(box, parts[i], correct);
    showProgress();
  }

  function showCheck(i) {
    const c = parts[i].check;
    check.replaceChildren();
    if (!c) return;
    const question = el("p", "attn-lesson-question");
    question.append(el("strong", "", `${L.lesson_check_title} `), writeRich(el("span"), c.question));
    const box = el("div", "attn-lesson-feedback");
    const choices = el("div", "attn-lesson-options");
    if (c.kind === "number") {
      const input = el("input", "attn-lesson-number");
      Object.assign(input, { type: "number", step: "0.001" });
      input.setAttribute("aria-label", L.lesson_number_label);
      const go = el("button", "attn-button", "✓");
      go.setAttribute("aria-label", L.lesson_check_title);
      const read = () => input.value !== "" && answer(i, Number(input.value), box);
      go.addEventListener("click", read);
      input.addEventListener("keydown", (e) => { if (e.key === "Enter") read(); });
      choices.append(el("label", "", L.lesson_number_label), input, go);
    } else {
      choices.setAttribute("role", "group");
      choices.setAttribute("aria-label", L.lesson_choose_label);
      c.options.forEach(([value, segments]) => {
        const button = el("button", "attn-button attn-lesson-option");
        writeRich(button, segments);
        button.addEventListener("click", () => {
          choices.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", "false"));
          button.setAttribute("aria-pressed", "true");
          answer(i, value, box);
        });
        choices.appendChild(button);
      });
    }
    check.append(question, choices, box, el("p", "attn-lesson-optional", L.lesson_optional));
    if (records[i]) feedback(box, parts[i], records[i].correct);
  }

  function show(i) {
    i = Math.max(0, Math.min(parts.length - 1, i));
    tick();
    at = i;
    const part = parts[i];
    title.textContent = `${i + 1}. ${part.title}`;
    writeParagraphs(text, part.text);
    if (part.own_sentence) text.appendChild(el("p", "attn-lesson-own", L.lesson_offline_own));
    if (part.teacher.length) {
      const details = el("details", "attn-lesson-teacher");
      details.appendChild(el("summary", "", L.lesson_teacher));
      const body = el("div");
      writeParagraphs(body, part.teacher);
      details.appendChild(body);
      text.appendChild(details);
    }
    showCheck(i);
    line.textContent = part.model_line;
    jump.value = String(i);
    prev.disabled = i === 0;
    next.disabled = i === parts.length - 1;
    showProgress();
    player({ data: JSON.stringify(part.payload), parentElement: stage });
    try { history.replaceState(null, "", `#part=${i + 1}`); } catch (err) { /* file:// */ }
  }

  const mdCell = (value) =>
    String(value).split(/\s+/).filter(Boolean).join(" ").replace(/[\\`*_[\]<>|$#]/g, (c) => `\\${c}`);

  function ticketMarkdown() {
    tick();
    const rows = [];
    parts.forEach((part, i) => {
      if (!part.check) return;
      const r = records[i];
      const result = !r ? L.lesson_result_unanswered : r.correct ? L.lesson_result_right : L.lesson_result_wrong;
      rows.push([`${i + 1}. ${part.title}`, part.check.question_text, r ? r.given : "—",
        part.check.right_text, part.check.why_text, result, `${Math.round(seconds[i] || 0)} s`]);
    });
    const answered = Object.keys(records).filter((i) => parts[i].check).length;
    const right = Object.values(records).filter((r) => r.correct).length;
    const minutes = (Object.values(seconds).reduce((a, b) => a + b, 0) / 60).toFixed(1);
    const head = ["part", "question", "given", "right", "why", "result", "time"].map((c) => L[`lesson_ticket_${c}`]);
    return [
      `# ${mdCell(fill(L.lesson_ticket_title, { lesson: lesson.title }))}`,
      "",
      mdCell(fill(L.lesson_ticket_total, { right, answered, total: rows.length, minutes })),
      "",
      `| ${head.join(" | ")} |`,
      `|${"---|".repeat(head.length)}`,
      ...rows.map((cells) => `| ${cells.map(mdCell).join(" | ")} |`),
    ].join("\n") + "\n";
  }

  download.addEventListener("click", () => {
    const blob = new Blob([ticketMarkdown()], { type: "text/markdown;charset=utf-8" });
    const link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = `exit-ticket-${lesson.id}.md`;
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  prev.addEventListener("click", () => show(at - 1));
  next.addEventListener("click", () => show(at + 1));
  jump.addEventListener("change", () => show(Number(jump.value)));
  document.addEventListener("keydown", (e) => {
    if (e.target.closest && e.target.closest("input, select, textarea")) return;
    if (e.key === "PageDown") { e.preventDefault(); show(at + 1); }
    if (e.key === "PageUp") { e.preventDefault(); show(at - 1); }
  });

  const first = Number((/part=(\d+)/.exec(location.hash) || [])[1] || 1) - 1;
  libraries("", lesson.lang).then((libs) => {
    katex = libs.katex;
    show(Number.isFinite(first) ? first : 0);
  });
}
