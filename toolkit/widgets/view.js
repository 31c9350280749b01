// ArticleView front end. No imports: the widget works with no network at all.
// The article arrives as the kernel's static HTML (toolkit/widgets/static.py,
// every piece of text escaped there), one string per paragraph. It is parsed in
// an inert document (DOMParser: nothing in it runs or loads) and only the tags
// and attributes that renderer writes are kept before it enters the page.
// Everything else (labels, speakers, notes) reaches the page through
// textContent / attributes, never parsed as markup.

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

const KEEP_TAGS = new Set(["P", "H3", "SPAN", "SMALL"]);
const KEEP_ATTRS = new Set(["class", "style", "title", "data-id", "data-s", "data-e"]);
const LAYER_OF = { e: "entities", q: "quotes", f: "figures", d: "timeline" };
const LETTER = { entities: "e", quotes: "q", figures: "f", timeline: "d" };

// What the renderer writes, checked on the string: only its four tags, no event
// handler attribute, no url(). Text is escaped there, so a "<" only opens a tag.
const OTHER_TAG = /<(?!\/?(?:p|h3|span|small)[ >])/i;
const RISKY = /\son[a-z]+\s*=|url\s*\(|expression\s*\(|@import/i;

// Paragraph HTML -> nodes of an inert document, holding only what the renderer writes.
function parseParas(html) {
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}</body>`, "text/html");
  // the renderer's own output (every time, unless the kernel was tampered with)
  // needs no walk over its elements
  if (!OTHER_TAG.test(html) && !RISKY.test(html)) return doc.body;
  for (const el of doc.body.querySelectorAll("*")) {
    if (!KEEP_TAGS.has(el.tagName)) { el.replaceWith(doc.createTextNode(el.textContent)); continue; }
    for (const attr of [...el.attributes]) {
      if (!KEEP_ATTRS.has(attr.name) || (attr.name === "style" && /url\s*\(|expression|@import/i.test(attr.value))) el.removeAttribute(attr.name);
    }
  }
  return doc.body;
}

let viewCount = 0;

function render({ model, el }) {
  const ui = { focus: null, pending: null, panelFor: null };
  const uid = `tk-v${++viewCount}-${Math.random().toString(36).slice(2, 8)}`;
  const root = h("div", { class: `tk-view ${uid}`, tabindex: "0",
                          role: "application", "aria-label": "Article with highlights" });
  const header = h("div", { class: "tk-header" });
  const toolbar = h("div", { class: "tk-toolbar", role: "toolbar" });
  const article = h("div", { class: "tk-article", role: "document" });
  const panel = h("aside", { class: "tk-panel", "aria-live": "polite" });
  const status = h("div", { class: "tk-status", role: "status" });
  const orphanBox = h("div", { class: "tk-orphans" });
  const looks = h("style", {});    // how each label's highlights look (the kernel's rules)
  const hiding = h("style", {});   // rules hiding the labels switched off
  const picker = h("div", { class: "tk-picker", hidden: true, role: "dialog", tabindex: "-1", "aria-label": "Add annotation" });
  const help = h("div", { class: "tk-help" },
    "Keys: ←/→ move between highlights · Enter open · 1–9 label · c confirm · Del delete/reject · ",
    "z undo · y redo · n note · Esc close. Select text to add an annotation.");
  root.append(looks, hiding, header, toolbar, h("div", { class: "tk-body" }, h("div", { class: "tk-main" }, article, orphanBox), panel),
              status, help, picker);
  el.append(root);

  const send = (msg) => model.send({ type: "action", ...msg });
  const labelInfo = () => model.get("labels") || [];
  const labelByCls = () => new Map(labelInfo().map((l) => [String(l.cls), l]));
  const hiddenLayers = () => new Set(model.get("hidden_layers") || []);
  const hiddenLabels = () => new Set(model.get("hidden_labels") || []);

  function setTrait(name, value) {
    model.set(name, value);
    model.save_changes();
  }

  // -- what the drawn article says about a highlight ------------------------------
  const esc = (id) => (window.CSS && CSS.escape ? CSS.escape(id) : String(id).replace(/["\\]/g, "\\$&"));
  // The pieces drawn for an id (one look-up per id until the article changes:
  // a click asks for the same id's pieces several times).
  let drawn = 0;       // bumped whenever paragraphs enter or leave the page
  const lastPieces = { id: null, drawn: -1, list: [] };
  function piecesOf(id) {
    if (!id) return [];
    if (lastPieces.id !== id || lastPieces.drawn !== drawn) {
      lastPieces.id = id; lastPieces.drawn = drawn;
      lastPieces.list = [...article.querySelectorAll(`span.tk-hl[data-id="${esc(id)}"]`)];
    }
    return lastPieces.list;
  }
  const clsOf = (node, prefix) => {
    for (const c of node.classList) if (c.startsWith(prefix) && c.length > prefix.length) return c.slice(prefix.length);
    return null;
  };
  // Hidden layers and labels, as the class names their pieces carry.
  let hiddenCls = null;
  function hiddenClasses() {
    if (hiddenCls) return hiddenCls;
    hiddenCls = new Set();
    for (const layer of hiddenLayers()) hiddenCls.add(`tk-${LETTER[layer] || layer}`);
    for (const l of labelInfo()) if (hiddenLabels().has(`${l.layer}|${l.label}`)) hiddenCls.add(`tk-c${l.cls}`);
    return hiddenCls;
  }
  const isHidden = (node) => { const hc = hiddenClasses(); for (const c of node.classList) if (hc.has(c)) return true; return false; };
  function textOf(pieces) {
    let out = "";
    for (const piece of pieces) {
      const copy = piece.cloneNode(true);
      copy.querySelectorAll("small").forEach((s) => s.remove());
      out += copy.textContent;
    }
    return out;
  }
  // What the panel shows, read from the page: the label, text and decision from
  // the pieces, the facts and the note from the tag's tooltip, the context from
  // the article text and its sentences (traits). No kernel round trip.
  function domItem(id) {
    const pieces = piecesOf(id);
    const first = pieces[0];
    if (!first) return null;
    const layer = LAYER_OF[["e", "q", "f", "d"].find((k) => first.classList.contains(`tk-${k}`))] || "entities";
    const l = labelByCls().get(clsOf(first, "tk-c")) || {};
    // the speaker chip is drawn just before the quote's first piece
    const before = first.previousElementSibling;
    const chip = before && before.classList.contains("tk-speaker") && before.dataset.id === id ? before : null;
    return { id, layer, label: l.label || "", color: l.color, text: textOf(pieces),
      decision: first.classList.contains("tk-ok") ? "confirmed" : first.classList.contains("tk-x") ? "rejected" : null,
      speaker: chip ? chip.textContent.replace(/ ›$/, "") : null, status: null, note: null,
      provenance: /^(entities|quotes|figures|timeline):\d+-\d+$/.test(id) ? "engine" : "analyst" };
  }
  // A tag's tooltip (toolkit/widgets/static.py, _hover): one "name: value" line
  // per fact, then "note: " and the note to the end.
  function readTip(tip) {
    const facts = [], lines = tip ? tip.split("\n") : [];
    for (let i = 0; i < lines.length; i++) {
      const at = lines[i].indexOf(": ");
      if (at < 0) continue;
      const name = lines[i].slice(0, at), value = lines[i].slice(at + 2);
      if (name === "note") return { facts, note: [value, ...lines.slice(i + 1)].join("\n") };
      facts.push([name, value]);
    }
    return { facts, note: null };
  }
  // Offsets are Python code points: the text is cut as code points when it
  // holds any character outside the BMP (one look at the text, kept).
  let textPoints = { text: null, points: null };
  function textSlice(a, b) {
    const text = model.get("text") || "";
    if (textPoints.text !== text) textPoints = { text, points: /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : null };
    return textPoints.points ? textPoints.points.slice(a, b).join("") : text.slice(a, b);
  }
  // The sentence around start (view.py, _context), else a window of text.
  function contextOf(start, end) {
    const sents = model.get("sentences") || [];   // flat: start0, end0, start1, ...
    let lo = 0, hi = sents.length / 2 - 1, i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sents[2 * mid] <= start) { i = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (i >= 0 && start < sents[2 * i + 1]) {
      const s = sents[2 * i], e = sents[2 * i + 1];
      return textSlice(s, Math.min(Math.max(e, Math.min(end, s + 600)), s + 600));
    }
    return textSlice(Math.max(0, start - 120), end + 120);
  }
  // Where a highlight is in the text: in an engine id, else counted in the page.
  function spanOf(id, pieces) {
    const m = /^(?:entities|quotes|figures|timeline):(\d+)-(\d+)$/.exec(id);
    if (m) return [+m[1], +m[2]];
    const first = pieces[0], last = pieces[pieces.length - 1];
    const p1 = first.closest("[data-s]"), p2 = last.closest("[data-s]");
    if (!p1 || !p2) return null;
    return [offsetIn(p1, first, 0), offsetIn(p2, last, last.childNodes.length)];
  }
  // Everything the panel shows, from the page (null when the highlight's tag is
  // not in the page yet: then the kernel is asked).
  function localDetails(id) {
    const tag = article.querySelector(`small.tk-tag[data-id="${esc(id)}"]`);
    const item = tag && domItem(id);
    if (!item) return null;
    const { facts, note } = readTip(tag.getAttribute("title") || "");
    const status = facts.find(([k]) => k === "status");
    item.note = note;
    item.status = status ? status[1] : null;
    const span = spanOf(id, piecesOf(id));
    const kinds = model.get("kinds") || {};
    return { revision: model.get("revision"), local: true, item,
      facts: [["kind", kinds[item.layer] || item.layer], ...facts],
      context: span ? contextOf(span[0], span[1]) : "" };
  }
  // Visible highlights in reading order (first piece of each), reset on redraw.
  let orderCache = null;
  function visibleOrder() {
    if (orderCache) return orderCache;
    const seen = new Set(), order = [];
    for (const piece of article.querySelectorAll("span.tk-hl")) {
      const id = piece.dataset.id;
      if (seen.has(id)) continue;
      seen.add(id);
      if (!isHidden(piece)) order.push(id);
    }
    orderCache = { order, index: new Map(order.map((x, i) => [x, i])) };
    return orderCache;
  }

  // -- header and toolbar -----------------------------------------------------
  function drawHeader() {
    header.replaceChildren();
    if (model.get("title")) header.append(h("div", { class: "tk-title", text: model.get("title") }));
    if (model.get("byline")) header.append(h("div", { class: "tk-byline", text: model.get("byline") }));
  }

  // The paragraphs carry class names only; the kernel's rules (static.py,
  // view_rules: the static HTML's inline styles) give them their look, scoped
  // to this view.
  function drawLooks() {
    looks.textContent = (model.get("rules") || []).map((r) => `.${uid} ${r}`).join("\n");
  }

  function drawHiding() {
    hiddenCls = null;
    orderCache = null;
    const rules = [];
    const hLayers = hiddenLayers(), hLabels = hiddenLabels();
    for (const layer of hLayers) if (LETTER[layer]) root.classList.add(`tk-hide-${LETTER[layer]}`);
    for (const [layer, k] of Object.entries(LETTER)) if (!hLayers.has(layer)) root.classList.remove(`tk-hide-${k}`);
    for (const l of labelInfo()) {
      if (!hLabels.has(`${l.layer}|${l.label}`)) continue;
      const n = Number(l.cls);
      if (!Number.isInteger(n)) continue;
      rules.push(`.${uid} .tk-hl.tk-c${n}{background:none!important;box-shadow:none!important;border-bottom-color:transparent!important;opacity:1!important;cursor:text}`,
                 `.${uid} small.tk-c${n}{display:none!important}`);
    }
    hiding.textContent = rules.join("\n");
  }

  function drawToolbar() {
    const labels = labelInfo();
    const layers = [...new Set([...(model.get("layers") || []), ...labels.filter((l) => l.count > 0).map((l) => l.layer)])];
    const hLayers = hiddenLayers(), hLabels = hiddenLabels();
    const layerButtons = layers.map((layer) => {
      const n = labels.filter((l) => l.layer === layer).reduce((a, l) => a + l.count, 0);
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
    const labelButtons = labels.filter((l) => l.count > 0 || l.key).map((l) => {
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
  // The kernel's paragraphs are parsed once and put in the page: the first
  // `chunk_blocks` at once (what is on screen), the rest a slice per frame, each
  // slice sized to take about SLICE_MS (0: all at once). Off-screen paragraphs
  // are not laid out (view.css: content-visibility), so a slice costs its
  // parse. Clicks and keys are handled on the article as a whole (one listener
  // each, reading data-id), so nothing is attached per highlight. After a
  // change only the paragraphs whose HTML changed are replaced.
  // The kernel sends the first screen first: until its cell has run, the
  // paragraphs after the first chunk are "" (view.py, get_state); the drawing
  // stops at the first of them and goes on from there when they arrive.
  const SLICE_MS = 12;
  let shown = [];      // the paragraph strings now in the page
  let drawToken = 0;
  let waitingAt = -1;  // the first paragraph still to come from the kernel, or -1
  let resume = null;   // goes on with the drawing once it has come
  function drawArticle() {
    const token = ++drawToken;
    const chunk = model.get("chunk_blocks") || 0;
    shown = model.get("paras") || [];
    waitingAt = -1;
    orderCache = null;
    delete root.dataset.drawn;
    article.replaceChildren();
    drawn++;
    markedNodes.selected = []; markedNodes.focus = [];
    let i = 0, msPerChar = 0;
    // Each slice is parsed when it is put in: the first paint waits for the
    // first chunk only.
    const putSome = (count) => {
      if (token !== drawToken) return; // a newer drawing replaced this one
      const paras = shown;
      let end = Math.min(paras.length, i + count);
      for (let k = i; k < end; k++) if (!paras[k]) { end = k; break; }
      const html = paras.slice(i, end).join("");
      const t0 = performance.now();
      article.append(...parseParas(html).childNodes);
      msPerChar = (performance.now() - t0) / Math.max(html.length, 1) || msPerChar;
      drawn++;
      i = end;
      orderCache = null;
      if (i >= paras.length) { root.dataset.drawn = "true"; remark(); return; }
      if (!paras[i]) { waitingAt = i; return; }
      // as many paragraphs as fit in SLICE_MS at the pace just seen (at least 8)
      let n = 0, budget = msPerChar > 0 ? SLICE_MS / msPerChar : Infinity;
      while (i + n < paras.length && (n < 8 || budget > paras[i + n].length)) budget -= paras[i + n++].length;
      requestAnimationFrame(() => putSome(n));
    };
    resume = () => { waitingAt = -1; requestAnimationFrame(() => putSome(8)); };
    putSome(chunk > 0 ? chunk : shown.length);
    performance.mark("tk-first-chunk");
    remark();
  }
  // The rest of the paragraphs arrived, those in the page unchanged: go on.
  function goOn(paras) {
    if (waitingAt < 0 || paras.length !== shown.length) return false;
    for (let k = 0; k < waitingAt; k++) if (paras[k] !== shown[k]) return false;
    shown = paras;
    resume();
    return true;
  }
  function patchArticle() {
    const paras = model.get("paras") || [];
    if (goOn(paras)) return;
    if (!root.dataset.drawn || paras.length !== shown.length || article.children.length !== shown.length) return drawArticle();
    const changed = [];
    for (let i = 0; i < paras.length; i++) if (paras[i] !== shown[i]) changed.push(i);
    if (changed.length > paras.length / 4) return drawArticle();
    const nodes = [...parseParas(changed.map((i) => paras[i]).join("")).children];
    if (nodes.length !== changed.length) return drawArticle();
    const kids = article.children;
    const olds = changed.map((i) => kids[i]);
    olds.forEach((old, k) => old.replaceWith(nodes[k]));
    drawn++;
    shown = paras;
    orderCache = null;
    remark();
  }

  // Which ids carry tk-selected / tk-focus in the page.
  const marked = { selected: null, focus: null };
  const markedNodes = { selected: [], focus: [] };
  function mark(kind, cls, id) {
    id = id || null;
    marked[kind] = id;
    for (const node of markedNodes[kind]) node.classList.remove(cls);
    markedNodes[kind] = piecesOf(id);
    for (const node of markedNodes[kind]) node.classList.add(cls);
  }
  function remark() {
    mark("selected", "tk-selected", model.get("selected"));
    mark("focus", "tk-focus", ui.focus);
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
  // The panel opens at once with what the page knows (label, text, decision);
  // facts, context, status and note come from the kernel ("details" message)
  // and fill it in when they arrive. They are kept per id and asked for again
  // after a change (revision).
  const details = new Map(); // id -> {revision, facts, context, item}
  const asked = new Set();   // `${revision}|${id}` already asked for
  function askDetails(id) {
    const key = `${model.get("revision")}|${id}`;
    if (asked.has(key)) return;
    asked.add(key);
    model.send({ type: "details", id });
  }
  function factsList(d) {
    if (!d) return h("p", { class: "tk-facts tk-muted tk-loading", text: "…" });
    return h("dl", { class: "tk-facts" },
      (d.facts || []).filter(([k]) => k !== "note" && k !== "label").flatMap(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })]));
  }
  function contextBox(d) {
    return d && d.context ? h("details", { class: "tk-context" }, h("summary", { text: "Context" }), h("p", { text: d.context })) : null;
  }
  function onCustom(msg) {
    if (!msg || msg.type !== "details" || !msg.id) return;
    details.set(msg.id, { revision: msg.revision, facts: msg.facts || [], context: msg.context || "", item: msg.item || null });
    if (model.get("selected") !== msg.id) return;
    const typing = panel.contains(document.activeElement) && document.activeElement.tagName !== "BUTTON";
    if (typing && panel.querySelector(".tk-facts")) {
      // the analyst is typing in the panel: replace the facts only
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
    // the kernel's answer for this revision, else what the page says, else the
    // kernel is asked (the panel opens at once and fills in when it answers)
    const cached = id ? details.get(id) : null;
    // (data-ask-kernel on the view: always ask, for benchmarks/browser_bench.py)
    const local = id && !("askKernel" in root.dataset) ? localDetails(id) : null;
    let d = cached && cached.revision === model.get("revision") ? cached : local;
    if (id && !d) { askDetails(id); d = cached || null; }
    const x = id ? ((d && d.item) || domItem(id)) : null;
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
    panel.dataset.facts = d ? "true" : "";
    clearTimeout(ui.waiting);
    if (!d) {
      // no answer (a notebook reopened without its kernel): say why the facts are missing
      ui.waiting = setTimeout(() => {
        const loading = model.get("selected") === id && panel.querySelector(".tk-loading");
        if (loading) loading.textContent = "The facts come from the kernel: run the notebook's cells to review this highlight.";
      }, 2500);
    }
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
  // Text offsets of the selection: a paragraph says where it starts (data-s);
  // the offset of a point in it is the length of the article text before the
  // point (label tags and speaker chips, the <small> elements, are not text).
  function offsetIn(para, node, offset) {
    const r = document.createRange();
    r.setStart(para, 0);
    r.setEnd(node, offset);
    const frag = r.cloneContents();
    frag.querySelectorAll("small").forEach((s) => s.remove());
    return +para.dataset.s + cpLength(frag.textContent);
  }
  function selectionOffsets() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!article.contains(range.commonAncestorContainer)) return null;
    const paraOf = (node) => (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement).closest(".tk-article [data-s]");
    let first = paraOf(range.startContainer), last = paraOf(range.endContainer);
    let start, end;
    if (first && article.contains(first)) start = offsetIn(first, range.startContainer, range.startOffset);
    if (last && article.contains(last)) end = offsetIn(last, range.endContainer, range.endOffset);
    if (start === undefined || end === undefined) {
      const paras = [...article.children].filter((p) => range.intersectsNode(p));
      if (!paras.length) return null;
      if (start === undefined) start = +paras[0].dataset.s;
      if (end === undefined) end = +paras[paras.length - 1].dataset.e;
    }
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
    // The highlights under the pointer, innermost first (a tag or speaker chip
    // stands for its own highlight); hidden ones are passed over.
    const chain = [];
    for (let node = ev.target.closest("[data-id]"); node && article.contains(node); node = node.parentElement.closest("[data-id]")) {
      if (!isHidden(node) && !chain.includes(node.dataset.id)) chain.push(node.dataset.id);
      if (node.tagName === "SMALL") break;
    }
    if (!chain.length) return;
    // A second click on the same place reaches the highlight around it.
    const idx = chain.indexOf(model.get("selected"));
    const id = idx >= 0 && idx + 1 < chain.length ? chain[idx + 1] : chain[0];
    closePicker();
    ui.focus = id;
    setTrait("selected", id);
    // focus the view for its keys (once: moving focus restyles the notebook)
    if (!root.contains(document.activeElement)) root.focus({ preventScroll: true });
  });

  // -- keyboard ---------------------------------------------------------------
  function move(step) {
    const { order, index } = visibleOrder();
    if (!order.length) return;
    const cur = ui.focus || model.get("selected");
    let i = index.has(cur) ? index.get(cur) : -1;
    i = i < 0 ? (step > 0 ? 0 : order.length - 1) : (i + step + order.length) % order.length;
    ui.focus = order[i];
    mark("focus", "tk-focus", ui.focus);
    const node = piecesOf(ui.focus)[0];
    if (node) node.scrollIntoView({ block: "nearest" });
    const x = (details.get(ui.focus) || {}).item || domItem(ui.focus) || {};
    status.textContent = `${i + 1}/${order.length}: ${x.label} “${x.text}” (Enter opens)`;
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
      const x = (details.get(current) || {}).item || domItem(current);
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
  const onChange = {
    // the panel reads the page: the paragraphs of a change go in first, whichever
    // of the two changes Backbone reports first
    "change:paras": () => { if (model.get("paras") !== shown) patchArticle(); },
    "change:revision": () => {
      if (model.get("paras") !== shown) patchArticle();
      drawToolbar(); drawOrphans(); drawPanel(); drawStatus();
    },
    "change:labels": () => { drawHiding(); drawToolbar(); },
    "change:rules": drawLooks,
    "change:hidden_layers": () => { drawHiding(); drawToolbar(); },
    "change:hidden_labels": () => { drawHiding(); drawToolbar(); },
    "change:selected": () => {
      const selected = model.get("selected");
      if (selected) ui.focus = selected;
      remark();
      drawPanel();
    },
    "change:message": drawStatus,
    "change:can_undo": drawToolbar,
    "change:can_redo": drawToolbar,
  };
  for (const [event, fn] of Object.entries(onChange)) model.on(event, fn);
  model.on("msg:custom", onCustom);
  performance.mark("tk-render");
  drawLooks();
  drawArticle();          // the article first: it is what the analyst waits for
  root.dataset.ready = "true";
  drawHiding(); drawHeader(); drawToolbar(); drawOrphans(); drawPanel(); drawStatus();
  return () => {
    for (const [event, fn] of Object.entries(onChange)) model.off(event, fn);
    model.off("msg:custom", onCustom);
    clearTimeout(ui.waiting);
    drawToken++;
  };
}

// Performance marks for benchmarks/browser_bench.py: when the model exists and
// when its paragraphs arrive (the kernel's part of the first paint), then
// "tk-render" and "tk-first-chunk" in render().
function initialize({ model }) {
  performance.mark("tk-model");
  // tell the kernel this front end draws widgets: its next outputs need no
  // static copy of the article (toolkit/widgets/fallback.py)
  try { model.send({ type: "hello" }); } catch (err) { /* no kernel: a saved state drawn */ }
  if ((model.get("paras") || []).length) { performance.mark("tk-paras"); return; }
  const arrived = () => { performance.mark("tk-paras"); model.off("change:paras", arrived); };
  model.on("change:paras", arrived);
}

export default { initialize, render };
