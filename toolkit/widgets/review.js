// ReviewView: disagreements marked in the text, analysts' versions side by side.
// Keys (focus on the widget): n / p next / previous, 1..9 accept, z undo.
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function verdict(c) {
  if (!c.present) return "(nothing)";
  let s = c.verdict;
  if (c.status) s += " · " + c.status;
  if (c.note) s += " · " + c.note;
  return s;
}

function render({ model, el: root }) {
  root.innerHTML = "";
  const box = el("div", "tk-review");
  const text = el("div", "tk-r-text");
  text.tabIndex = 0;
  const panel = el("div", "tk-r-panel");
  box.append(text, panel);
  root.append(box);

  function draw() {
    const items = model.get("items");
    const cur = model.get("current");
    const src = model.get("text");
    text.textContent = "";
    let pos = 0;
    const sorted = items.slice().sort((a, b) => a.start - b.start);
    for (const it of sorted) {
      if (it.start < pos) continue;
      text.append(document.createTextNode(src.slice(pos, it.start)));
      const m = el("mark", "tk-r-dis" + (it.settled.present ? " tk-r-done" : "") +
        (it.index === cur ? " tk-r-cur" : ""), src.slice(it.start, it.end));
      m.dataset.index = it.index;
      m.addEventListener("click", () => { model.set("current", it.index); model.save_changes(); });
      text.append(m);
      pos = it.end;
    }
    text.append(document.createTextNode(src.slice(pos)));
    panel.textContent = "";
    panel.append(el("div", "tk-r-msg", model.get("message")));
    const it = items[cur];
    if (!it) return;
    panel.append(el("div", "tk-r-head", `#${cur + 1} of ${items.length}: “${it.exact}” (${it.layer})`));
    const row = el("div", "tk-r-choices");
    it.choices.forEach((c, i) => {
      const b = el("button", "tk-r-choice", `${i + 1}. ${c.annotator}: ${verdict(c)}`);
      b.addEventListener("click", () => model.send({ type: "accept", index: cur, choice: i + 1 }));
      row.append(b);
    });
    panel.append(row);
    panel.append(el("div", "tk-r-settled", "Settled: " + verdict(it.settled)));
    const input = el("input", "tk-r-final");
    input.placeholder = "final label, Enter to save";
    input.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter" && input.value.trim())
        model.send({ type: "decide", index: cur, label: input.value.trim() });
    });
    panel.append(input);
  }

  box.addEventListener("keydown", (e) => {
    const n = model.get("items").length;
    if (!n) return;
    const cur = model.get("current");
    if (e.key === "n" || e.key === "p") {
      model.set("current", (cur + (e.key === "n" ? 1 : n - 1)) % n);
      model.save_changes();
    } else if (/^[1-9]$/.test(e.key)) {
      model.send({ type: "accept", index: cur, choice: Number(e.key) });
    } else if (e.key === "z") {
      model.send({ type: "undo" });
    } else return;
    e.preventDefault();
  });
  for (const name of ["items", "current", "message", "text"]) model.on("change:" + name, draw);
  draw();
  box.dataset.ready = "1";
  text.focus();
}

export default { render };
