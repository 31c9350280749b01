// ArticleView front end. No imports: the widget works with no network at all.
// All article text, labels, speakers and notes reach the page through
// textContent / attributes, never parsed as markup, so nothing in them runs.

const LAYER_NAMES = { entities: "Entities", quotes: "Quotes", figures: "Figures", timeline: "Dates" };
const STATUS_TEXT = { verified: "✓ verified", disputed: "⚠ disputed", "needs source": "? needs source" };

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "style") for (const [k, v] of Object.entries(value)) el.style.setProperty(k, v);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const cpLength = (s) => [...s].length; // offsets are Python code points

function render({ model, el }) {
  const ui = { focus: null, pending: null, panelFor: null };
  const root = h("div", { class: "tk-view", tabindex: "0",
                          role: "application", "aria-label": "Article with highlights" });
  const header = h("div", { class: "tk-header" });
  const toolbar = h("div", { class: "tk-toolbar", role: "toolbar" });
  const article = h("div", { class: "tk-article", role: "document" });
  const panel = h("aside", { class: "tk-panel", "aria-live": "polite" });
  const status = h("div", { class: "tk-status", role: "status" });
  const orphanBox = h("div", { class: "tk-orphans" });
  const picker = h("div", { class: "tk-picker", hidden: true, role: "dialog", tabindex: "-1", "aria-label": "Add annotation" });
  const help = h("div", { class: "tk-help" },
    "Keys: ←/→ move between highlights · Enter open · 1–9 label · c confirm · Del delete/reject · ",
    "z undo · y redo · n note · Esc close. Select text to add an annotation.");
  root.append(header, toolbar, h("div", { class: "tk-body" }, h("div", { class: "tk-main" }, article, orphanBox), panel),
              status, help, picker);
  el.append(root);

  const send = (msg) => model.send({ type: "action", ...msg });
  const hl = () => model.get("highlights") || [];
  // id -> highlight, rebuilt only when the highlights list itself is replaced.
  let byIdCache = { items: null, map: null };
  const byId = () => {
    const items = hl();
    if (byIdCache.items !== items) byIdCache = { items, map: new Map(items.map((x) => [x.id, x])) };
    return byIdCache.map;
  };
  // id -> the segment spans drawn for it (filled by drawArticle), so selection and
  // focus changes toggle classes on a few nodes instead of redrawing the article.
  let segsById = new Map();
  let orderCache = null; // visible highlights in order, reset by drawArticle
  const labelInfo = () => model.get("labels") || [];
  const hiddenLayers = () => new Set(model.get("hidden_layers") || []);
  const hiddenLabels = () => new Set(model.get("hidden_labels") || []);
  const isVisible = (x, hl_ = hiddenLayers(), hb = hiddenLabels()) =>
    !hl_.has(x.layer) && !hb.has(`${x.layer}|${x.label}`);
  const visibleOrder = () => {
    if (orderCache) return orderCache;
    const a = hiddenLayers(), b = hiddenLabels();
    const order = hl().filter((x) => isVisible(x, a, b));
    const index = new Map(order.map((x, i) => [x.id, i]));
    orderCache = { order, index };
    return orderCache;
  };

  function setTrait(name, value) {
    model.set(name, value);
    model.save_changes();
  }

  // -- header and toolbar -----------------------------------------------------
  function drawHeader() {
    header.replaceChildren();
    if (model.get("title")) header.append(h("div", { class: "tk-title", text: model.get("title") }));
    if (model.get("byline")) header.append(h("div", { class: "tk-byline", text: model.get("byline") }));
  }

  function drawToolbar() {
    const items = hl();
    const layers = [...new Set([...(model.get("layers") || []), ...items.map((x) => x.layer)])];
    const hLayers = hiddenLayers(), hLabels = hiddenLabels();
    const layerButtons = layers.map((layer) => {
      const n = items.filter((x) => x.layer === layer && x.decision !== "rejected").length;
      const on = !hLayers.has(layer);
      return h("button", { class: `tk-toggle tk-layer-${layer}`, "aria-pressed": String(on), type: "button",
        title: `${on ? "Hide" : "Show"} ${LAYER_NAMES[layer] || layer}`,
        onclick: () => {
          const next = new Set(hiddenLayers());
          if (next.has(layer)) next.delete(layer); else next.add(layer);
          setTrait("hidden_layers", [...next]);
        } },
        h("span", { class: `tk-swatch tk-swatch-${layer}` }), `${LAYER_NAMES[layer] || layer} `,
        h("span", { class: "tk-count", text: String(n) }));
    });
    const labelButtons = labelInfo().filter((l) => l.count > 0 || l.key).map((l) => {
      const key = `${l.layer}|${l.label}`;
      const on = !hLabels.has(key);
      return h("button", { class: "tk-chip-toggle", "aria-pressed": String(on), type: "button",
        title: `${on ? "Hide" : "Show"} ${l.label}${l.key ? ` (key ${l.key} labels)` : ""}`,
        style: { "--tk-c": l.color },
        onclick: () => {
          const next = new Set(hiddenLabels());
          if (next.has(key)) next.delete(key); else next.add(key);
          setTrait("hidden_labels", [...next]);
        } },
        l.key ? h("kbd", { text: l.key }) : null, h("span", { class: "tk-chip-label", text: l.label }),
        h("span", { class: "tk-count", text: String(l.count) }));
    });
    const undo = h("button", { class: "tk-btn", type: "button", disabled: !model.get("can_undo"),
      title: "Undo (z)", onclick: () => send({ action: "undo" }) }, "↶ Undo");
    const redo = h("button", { class: "tk-btn", type: "button", disabled: !model.get("can_redo"),
      title: "Redo (y)", onclick: () => send({ action: "redo" }) }, "↷ Redo");
    toolbar.replaceChildren(
      h("div", { class: "tk-toolbar-row" }, h("span", { class: "tk-toolbar-title", text: "Layers" }), ...layerButtons,
        h("span", { class: "tk-spacer" }), undo, redo),
      h("div", { class: "tk-toolbar-row tk-labels" }, h("span", { class: "tk-toolbar-title", text: "Labels" }), ...labelButtons));
  }

  // -- the article ------------------------------------------------------------
  function tagFor(x) {
    const parts = [x.layer === "quotes" ? `${x.label} quote` : x.label];
    if (x.decision === "confirmed") parts.push("✓");
    if (x.status) parts.push(STATUS_TEXT[x.status] || x.status);
    if (x.note) parts.push("✎");
    if (x.decision === "rejected") parts.push("rejected");
    return h("span", { class: `tk-tag tk-tag-${x.layer}${x.decision === "rejected" ? " tk-rejected" : ""}`,
      "data-id": x.id, style: { "--tk-c": x.color }, title: hoverText(x), "aria-hidden": "true",
      text: parts.join(" · ") });
  }

  // The hover says what the highlight is; its facts come with the detail panel.
  function hoverText(x) {
    const parts = [`label: ${x.label}`];
    if (x.speaker) parts.push(`speaker: ${x.speaker}`);
    if (x.decision) parts.push(x.decision);
    if (x.status) parts.push(`status: ${x.status}`);
    return parts.join(" · ") + (x.note ? `\nnote: ${x.note}` : "");
  }

  // The article is drawn in chunks of paragraphs: the first ones at once (what is
  // on screen), the rest in later animation frames, so a long article shows its
  // first highlights quickly; clicks, keys and search work on every drawn part,
  // and the whole article is there a few frames later. `chunk_blocks` = 0 draws
  // everything at once (the benchmark's "without chunking").
  let drawToken = 0;
  function drawBlock(block, map, hLayers, hLabels, segs) {
    const node = h(block.kind === "heading" ? "h3" : "p", { class: block.kind === "heading" ? "tk-heading" : "tk-para" });
    for (const seg of block.segments) {
      const covering = seg.ids.map((id) => map.get(id)).filter((x) => x && isVisible(x, hLayers, hLabels));
      for (const x of covering) {
        if (x.layer === "quotes" && x.start === seg.s && x.speaker) {
          node.append(h("span", { class: "tk-speaker", "data-id": x.id, title: `speaker: ${x.speaker}`,
            "aria-hidden": "true", text: `${x.speaker} ›` }));
        }
      }
      const span = h("span", { class: "tk-seg", "data-s": seg.s, "data-e": seg.e }, seg.t);
      if (covering.length) {
        const layers = new Set(covering.map((x) => x.layer));
        span.classList.add("tk-hl");
        if (layers.has("quotes")) span.classList.add("tk-q");
        if (layers.has("figures")) span.classList.add("tk-f");
        else if (layers.has("timeline")) span.classList.add("tk-d");
        const ents = covering.filter((x) => x.layer === "entities");
        if (ents.length) { span.classList.add("tk-e"); span.style.setProperty("--tk-ec", ents[ents.length - 1].color); }
        if (covering.every((x) => x.decision === "rejected")) span.classList.add("tk-rejected");
        if (covering.some((x) => x.id === marked.selected)) span.classList.add("tk-selected");
        if (covering.some((x) => x.id === marked.focus)) span.classList.add("tk-focus");
        span.dataset.ids = covering.map((x) => x.id).join(" ");
        for (const x of covering) {
          const list = segs.get(x.id);
          if (list) list.push(span); else segs.set(x.id, [span]);
        }
        span.title = hoverText(covering[covering.length - 1]);
      }
      node.append(span);
      const ending = covering.filter((x) => x.end === seg.e).sort((a, b) => b.start - a.start);
      for (const x of ending) node.append(tagFor(x));
    }
    return node;
  }

  function drawArticle() {
    const token = ++drawToken;
    const map = byId();
    const hLayers = hiddenLayers(), hLabels = hiddenLabels();
    const segs = new Map();
    orderCache = null;
    marked.selected = model.get("selected") || null;
    marked.focus = ui.focus;
    segsById = segs;
    const blocks = model.get("blocks") || [];
    const chunk = model.get("chunk_blocks") || 0;
    let i = 0;
    const drawSome = (count) => {
      if (token !== drawToken) return; // a newer drawing replaced this one
      const frag = document.createDocumentFragment();
      const end = Math.min(blocks.length, i + count);
      for (; i < end; i++) frag.append(drawBlock(blocks[i], map, hLayers, hLabels, segs));
      article.append(frag);
      orderCache = null;
      if (i < blocks.length) requestAnimationFrame(() => drawSome(chunk * 4));
      else root.dataset.drawn = "true";
    };
    delete root.dataset.drawn;
    article.replaceChildren();
    drawSome(chunk > 0 ? chunk : blocks.length);
  }

  // Which ids currently carry tk-selected / tk-focus in the DOM.
  const marked = { selected: null, focus: null };
  // Move class `cls` from the segments of the previously marked id to those of `id`.
  // A segment keeps the class while any id covering it is still marked.
  function mark(kind, cls, id) {
    const old = marked[kind];
    id = id || null;
    if (old === id) return;
    marked[kind] = id;
    for (const span of segsById.get(old) || []) {
      if (!id || !span.dataset.ids.split(" ").includes(id)) span.classList.remove(cls);
    }
    for (const span of segsById.get(id) || []) span.classList.add(cls);
  }

  function drawOrphans() {
    const orphans = model.get("orphans") || [];
    orphanBox.replaceChildren();
    if (!orphans.length) return;
    orphanBox.append(h("div", { class: "tk-orphans-title",
      text: `${orphans.length} annotation(s) could not be placed in this version of the text (kept in the store):` }),
      h("ul", {}, orphans.map((o) => h("li", {}, h("b", { text: o.label }), " “", o.exact, "”",
        o.note ? ` — ${o.note}` : ""))));
  }

  // -- the detail panel -------------------------------------------------------
  // Facts and context are not synced with the highlights (that would make the
  // first paint of a long article slow): the panel asks the kernel for them
  // ("details" message) and opens when they arrive; they are kept per id and
  // asked for again after a change (revision).
  const details = new Map(); // id -> {revision, facts, context}
  const asked = new Set();   // `${revision}|${id}` already asked for
  let waitTimer = null;
  function askDetails(id) {
    const key = `${model.get("revision")}|${id}`;
    if (asked.has(key)) return;
    asked.add(key);
    model.send({ type: "details", id });
  }
  function factsList(d) {
    return h("dl", { class: "tk-facts" },
      ((d && d.facts) || []).filter(([k]) => k !== "note" && k !== "label").flatMap(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })]));
  }
  function contextBox(d) {
    return d && d.context ? h("details", { class: "tk-context" }, h("summary", { text: "Context" }), h("p", { text: d.context })) : null;
  }
  function onCustom(msg) {
    if (!msg || msg.type !== "details" || !msg.id) return;
    details.set(msg.id, { revision: msg.revision, facts: msg.facts || [], context: msg.context || "" });
    if (model.get("selected") !== msg.id) return;
    if (ui.panelFor === msg.id && panel.querySelector(".tk-facts")) {
      // the panel is open already (with older facts): replace those in place,
      // leaving a note being typed alone
      const d = details.get(msg.id);
      const old = panel.querySelector(".tk-context");
      panel.querySelector(".tk-facts").replaceWith(factsList(d));
      const box = contextBox(d);
      if (old && box) old.replaceWith(box); else if (old) old.remove();
      else if (box) panel.querySelector(".tk-facts").after(box);
    } else drawPanel();
  }

  function drawPanel() {
    const id = model.get("selected");
    const x = id ? byId().get(id) : null;
    clearTimeout(waitTimer);
    let d = x ? details.get(id) : null;
    if (x && (!d || d.revision !== model.get("revision"))) askDetails(id);
    if (x && !d && ui.panelFor !== `wait:${id}`) {
      // wait for the facts (a round trip to the kernel); without a kernel
      // answer the panel opens without them
      ui.panelFor = `wait:${id}`;
      panel.classList.remove("tk-open");
      waitTimer = setTimeout(() => {
        if (model.get("selected") === id && !details.has(id)) { details.set(id, { revision: -1, facts: [], context: "" }); drawPanel(); }
      }, 1500);
      return;
    }
    if (x && !d) return;
    ui.panelFor = x ? id : null;
    panel.replaceChildren();
    if (!x) {
      panel.classList.remove("tk-open");
      panel.append(h("div", { class: "tk-panel-empty" },
        h("p", { text: "Click a highlight to review it, or select text to add an annotation." }),
        model.get("store_name") ? h("p", { class: "tk-muted", text: `Saved to ${model.get("store_name")}` }) : null));
      return;
    }
    panel.classList.add("tk-open");
    const labels = labelInfo();
    const head = h("div", { class: "tk-panel-head" },
      h("span", { class: "tk-tag", style: { "--tk-c": x.color }, text: x.layer === "quotes" ? `${x.label} quote` : x.label }),
      h("button", { class: "tk-close", type: "button", title: "Close (Esc)", "aria-label": "Close",
        onclick: () => { setTrait("selected", null); root.focus(); } }, "×"));
    const quote = h("blockquote", { class: "tk-panel-text", text: x.text });
    const facts = factsList(d);
    const context = contextBox(d);

    const decision = h("div", { class: "tk-row" },
      h("button", { class: "tk-btn tk-confirm", type: "button", "aria-pressed": String(x.decision === "confirmed"),
        onclick: () => send({ action: "confirm", id: x.id, value: x.decision !== "confirmed" }) }, "✓ Confirm"),
      h("button", { class: "tk-btn tk-reject", type: "button", "aria-pressed": String(x.decision === "rejected"),
        onclick: () => send({ action: "reject", id: x.id, value: x.decision !== "rejected" }) }, "✗ Reject"),
      x.provenance !== "engine" ? h("button", { class: "tk-btn tk-delete", type: "button",
        onclick: () => send({ action: "delete", id: x.id }) }, "Delete") : null);

    const select = h("select", { class: "tk-label-select", "aria-label": "Label",
      onchange: (ev) => send({ action: "relabel", id: x.id, value: ev.target.value }) },
      labels.map((l) => h("option", { value: l.label, selected: l.label === x.label ? true : null, text: `${l.key ? l.key + " · " : ""}${l.label}` })));
    if (!labels.some((l) => l.label === x.label)) select.prepend(h("option", { value: x.label, selected: true, text: x.label }));
    const labelRow = h("label", { class: "tk-field" }, h("span", { text: "Label" }), select);

    let speakerRow = null;
    if (x.layer === "quotes") {
      const input = h("input", { class: "tk-speaker-input", type: "text", value: x.speaker || "", placeholder: "who said it?",
        onkeydown: (ev) => { if (ev.key === "Enter") { ev.preventDefault(); send({ action: "speaker", id: x.id, value: input.value }); } } });
      speakerRow = h("label", { class: "tk-field" }, h("span", { text: "Speaker" }), input,
        h("button", { class: "tk-btn", type: "button", onclick: () => send({ action: "speaker", id: x.id, value: input.value }) }, "Set"));
    }

    const statuses = h("div", { class: "tk-row tk-statuses", role: "group", "aria-label": "Status" },
      (model.get("statuses") || []).map((s) => h("button", { class: `tk-btn tk-status-btn`, type: "button", "data-status": s,
        "aria-pressed": String(x.status === s),
        onclick: () => send({ action: "status", id: x.id, value: x.status === s ? null : s }) }, STATUS_TEXT[s] || s)));

    const note = h("textarea", { class: "tk-note", rows: "3", placeholder: "Note for this highlight (Ctrl+Enter saves)",
      "aria-label": "Note",
      onkeydown: (ev) => {
        if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); saveNote(); }
        if (ev.key === "Escape") { ev.preventDefault(); root.focus(); }
      } });
    note.value = x.note || "";
    const saveNote = () => send({ action: "note", id: x.id, value: note.value });
    const noteRow = h("div", { class: "tk-field tk-note-field" }, h("span", { text: "Note" }), note,
      h("div", { class: "tk-row" }, h("button", { class: "tk-btn tk-primary tk-save-note", type: "button", onclick: saveNote }, "Save note"),
        x.note ? h("span", { class: "tk-muted tk-saved-note", text: "saved" }) : null));

    panel.append(...[head, quote, facts, context, decision, labelRow, speakerRow,
      h("div", { class: "tk-field" }, h("span", { text: "Status" }), statuses), noteRow].filter(Boolean));
  }

  // -- status line --------------------------------------------------------------
  function drawStatus() {
    const msg = model.get("message") || {};
    status.className = `tk-status${msg.kind === "error" ? " tk-error" : ""}`;
    status.textContent = msg.text || (model.get("store_name") ? `Annotations are saved to ${model.get("store_name")}` : "Annotations are kept in memory (no article file)");
  }

  // -- picking a label for a new annotation ----------------------------------------
  function selectionOffsets() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!article.contains(range.commonAncestorContainer)) return null;
    const segs = [...article.querySelectorAll(".tk-seg")].filter((s) => range.intersectsNode(s));
    if (!segs.length) return null;
    const first = segs[0], last = segs[segs.length - 1];
    const at = (seg, node, offset, fallback) => {
      if (node.nodeType === Node.TEXT_NODE && seg.contains(node)) return +seg.dataset.s + cpLength(node.textContent.slice(0, offset));
      return fallback;
    };
    let start = at(first, range.startContainer, range.startOffset, +first.dataset.s);
    let end = at(last, range.endContainer, range.endOffset, +last.dataset.e);
    if (end <= start) return null;
    return { start, end, text: sel.toString() };
  }

  function openPicker(sel) {
    ui.pending = sel;
    const labels = labelInfo();
    picker.replaceChildren(
      h("div", { class: "tk-picker-title" }, "Add “", h("b", { text: sel.text.length > 60 ? sel.text.slice(0, 57) + "…" : sel.text }), "” as"),
      h("div", { class: "tk-picker-labels" }, labels.map((l) => h("button", { class: "tk-pick", type: "button", "data-label": l.label,
        style: { "--tk-c": l.color }, onclick: () => pick(l.label) }, l.key ? h("kbd", { text: l.key }) : null, h("span", { text: l.label })))),
      h("div", { class: "tk-picker-other" },
        h("input", { class: "tk-other-label", type: "text", placeholder: "other label…", "aria-label": "Other label",
          onkeydown: (ev) => { if (ev.key === "Enter" && ev.target.value.trim()) { ev.preventDefault(); pick(ev.target.value.trim()); }
                               if (ev.key === "Escape") closePicker(); } }),
        h("button", { class: "tk-btn", type: "button", onclick: closePicker }, "Cancel")));
    const sr = window.getSelection().getRangeAt(0).getBoundingClientRect();
    const rr = root.getBoundingClientRect();
    picker.hidden = false;
    const left = Math.max(8, Math.min(sr.left - rr.left, rr.width - picker.offsetWidth - 8));
    picker.style.left = `${left}px`;
    picker.style.top = `${sr.bottom - rr.top + 6}px`;
    // Keys go to the picker (1-9 picks, Esc cancels) even if the notebook took focus.
    picker.focus({ preventScroll: true });
  }
  function closePicker() { ui.pending = null; picker.hidden = true; }
  function pick(label) {
    if (!ui.pending) return;
    send({ action: "add", start: ui.pending.start, end: ui.pending.end, label });
    closePicker();
    window.getSelection().removeAllRanges();
    root.focus();
  }

  // -- mouse ------------------------------------------------------------------
  article.addEventListener("mouseup", () => {
    setTimeout(() => {
      const sel = selectionOffsets();
      if (sel) openPicker(sel);
    }, 0);
  });
  article.addEventListener("click", (ev) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return; // a selection, not a click
    const target = ev.target.closest("[data-id], .tk-seg");
    if (!target) return;
    let id = target.dataset.id;
    if (!id && target.dataset.ids) {
      const ids = target.dataset.ids.split(" ");
      // Innermost first; a second click on the same place reaches the span around it.
      const current = model.get("selected");
      const idx = ids.indexOf(current);
      id = idx > 0 ? ids[idx - 1] : ids[ids.length - 1];
    }
    if (!id) return;
    closePicker();
    ui.focus = id;
    setTrait("selected", id);
    root.focus({ preventScroll: true });
  });

  // -- keyboard ---------------------------------------------------------------
  function move(step) {
    const { order, index } = visibleOrder();
    if (!order.length) return;
    const cur = ui.focus || model.get("selected");
    let i = index.has(cur) ? index.get(cur) : -1;
    i = i < 0 ? (step > 0 ? 0 : order.length - 1) : (i + step + order.length) % order.length;
    ui.focus = order[i].id;
    mark("focus", "tk-focus", ui.focus);
    const node = (segsById.get(ui.focus) || [])[0];
    if (node) node.scrollIntoView({ block: "nearest" });
    status.textContent = `${i + 1}/${order.length}: ${order[i].label} “${order[i].text}” (Enter opens)`;
  }
  root.addEventListener("keydown", (ev) => {
    // Ctrl/Cmd/Alt combinations (Ctrl+S saves, Ctrl+C copies) belong to JupyterLab
    // and the browser: never take them for the view's one-key shortcuts.
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    // Plain keys stay in the view: JupyterLab's command-mode keys (a, b, d d, m)
    // must not edit the notebook while the analyst types or navigates here.
    ev.stopPropagation();
    const tag = ev.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    if (tag === "BUTTON" && (ev.key === "Enter" || ev.key === " ")) return; // let buttons work
    const current = ui.focus || model.get("selected");
    const key = ev.key;
    let handled = true;
    if (ui.pending && /^[1-9]$/.test(key)) {
      const l = labelInfo().find((x) => x.key === key);
      if (l) pick(l.label);
    } else if (key === "ArrowRight" || key === "ArrowDown" || key === "j") move(1);
    else if (key === "ArrowLeft" || key === "ArrowUp" || key === "k") move(-1);
    else if (key === "Enter" && current) setTrait("selected", current);
    else if (key === "Escape") { closePicker(); setTrait("selected", null); }
    else if (/^[1-9]$/.test(key) && current) {
      const l = labelInfo().find((x) => x.key === key);
      if (l) send({ action: "relabel", id: current, value: l.label });
    } else if ((key === "Delete" || key === "Backspace") && current) send({ action: "delete", id: current });
    else if (key === "c" && current) {
      const x = byId().get(current);
      send({ action: "confirm", id: current, value: !(x && x.decision === "confirmed") });
    } else if (key === "n" && model.get("selected")) {
      const note = panel.querySelector(".tk-note");
      if (note) note.focus();
    } else if ((key === "z" || key === "Z") && !ev.shiftKey) send({ action: "undo" });
    else if (key === "y" || key === "Y" || ((key === "z" || key === "Z") && ev.shiftKey)) send({ action: "redo" });
    else handled = false;
    if (handled) { ev.preventDefault(); ev.stopPropagation(); }
  });

  // -- wiring -------------------------------------------------------------------
  const redrawAll = () => { drawHeader(); drawToolbar(); drawArticle(); drawOrphans(); drawPanel(); drawStatus(); };
  const onChange = {
    "change:revision": redrawAll,
    "change:hidden_layers": () => { drawToolbar(); drawArticle(); },
    "change:hidden_labels": () => { drawToolbar(); drawArticle(); },
    "change:selected": () => {
      const selected = model.get("selected");
      if (selected) ui.focus = selected;
      mark("selected", "tk-selected", selected);
      mark("focus", "tk-focus", ui.focus);
      drawPanel();
    },
    "change:message": drawStatus,
    "change:can_undo": drawToolbar,
    "change:can_redo": drawToolbar,
  };
  for (const [event, fn] of Object.entries(onChange)) model.on(event, fn);
  model.on("msg:custom", onCustom);
  redrawAll();
  root.dataset.ready = "true";
  return () => {
    for (const [event, fn] of Object.entries(onChange)) model.off(event, fn);
    model.off("msg:custom", onCustom);
    clearTimeout(waitTimer);
  };
}

export default { render };
