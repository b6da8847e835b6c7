// expediente review: keyboard-first decisions without page reloads. No dependencies; served by the app itself.
"use strict";
(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const specs = JSON.parse(document.getElementById("field-specs").textContent);
  const view = document.body.dataset.view;
  const status = document.getElementById("status");
  const items = () => Array.from(document.querySelectorAll(".item"));
  let current = -1;

  function say(message, error) {
    status.textContent = message;
    status.className = error ? "error" : "";
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    const data = await response.json().catch(() => ({ error: "the server answered " + response.status }));
    if (!response.ok) throw new Error(data.error || "the server answered " + response.status);
    return data;
  }

  function focusItem(index) {
    const all = items();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((el, i) => el.classList.toggle("current", i === current));
    const el = all[current];
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest" });
    document.querySelectorAll(".hl.current, .mark.current").forEach((m) => m.classList.remove("current"));
    const n = el.dataset.n;
    document.querySelectorAll(".mark").forEach((m) => m.classList.toggle("current", m.dataset.n === n));
    document.querySelectorAll(".hl").forEach((h) => {
      if (h.dataset.items.split(" ").includes(n)) h.classList.add("current");
    });
    const first = document.querySelector(".hl.current");
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  function currentItem() {
    const all = items();
    return current >= 0 ? all[current] : null;
  }

  function nextUndecided() {
    const all = items();
    for (let i = current + 1; i < all.length; i++) if (!all[i].classList.contains("decided")) return focusItem(i);
    focusItem(current + 1);
  }

  function showDecision(el, c) {
    el.classList.remove("decided-accept", "decided-reject", "decided-set");
    el.classList.add("decided", "decided-" + c.action);
    const cell = el.querySelector(".decision");
    if (cell) cell.textContent = c.action + (c.action === "set" ? ": " + c.value : "") + " by " + c.author;
    if (c.action === "set") {
      const value = el.querySelector(".value");
      if (value) value.textContent = c.value;
      el.dataset.value = c.value;
      if (c.attrs) el.dataset.attrs = JSON.stringify({ ...JSON.parse(el.dataset.attrs || "{}"), ...JSON.parse(c.attrs) });
    }
    el.dataset.correction = c.id;
  }

  async function decide(action, value, attrs) {
    const el = currentItem();
    if (!el) return say("no item selected: press j", true);
    if (el.classList.contains("added")) return say("an item you added is changed by undoing it (u)", true);
    const spec = specs[el.dataset.field];
    if (!spec.actions.includes(action)) return say(spec.title + " cannot be " + action + "ed", true);
    try {
      const body = { sha256: el.dataset.sha, field: el.dataset.field, item_key: el.dataset.key, action: action };
      if (value !== undefined) body.value = value;
      if (attrs !== undefined) body.attrs = attrs;
      const data = await post("/api/decide", body);
      showDecision(el, data.correction);
      say(action + " recorded (u undoes)");
      nextUndecided();
    } catch (err) {
      say(err.message, true);
    }
  }

  function attributeControls(spec, values) {
    // one control per attribute the field lets a person correct: a checkbox for a flag, a text box for a text
    const box = document.createElement("span");
    box.className = "attributes";
    Object.entries(spec.attributes).forEach(([name, kind]) => {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.name = name;
      input.dataset.kind = kind;
      if (kind === "flag") {
        input.type = "checkbox";
        input.checked = Boolean(values[name]);
      } else {
        input.value = values[name] || "";
        input.size = 14;
      }
      label.append(input, " " + name);
      box.appendChild(label);
    });
    return box;
  }

  function attributeValues(box) {
    if (!box || !box.querySelector("input")) return undefined;
    const out = {};
    box.querySelectorAll("input").forEach((input) => {
      out[input.name] = input.dataset.kind === "flag" ? input.checked : input.value.trim() || null;
    });
    return out;
  }

  function edit() {
    const el = currentItem();
    if (!el || el.querySelector(".edit")) return;
    if (el.classList.contains("added")) return say("an item you added is changed by undoing it (u)", true);
    const spec = specs[el.dataset.field];
    const form = document.createElement("span");
    form.className = "edit";
    const input = document.createElement("input");
    input.value = el.dataset.value;
    input.setAttribute("aria-label", "new value for " + spec.title);
    if (spec.vocabulary.length) {
      const list = document.createElement("datalist");
      list.id = "vocab-" + el.dataset.n;
      spec.vocabulary.forEach((v) => list.appendChild(new Option(v)));
      form.appendChild(list);
      input.setAttribute("list", list.id);
    }
    form.appendChild(input);
    const attrs = attributeControls(spec, JSON.parse(el.dataset.attrs || "{}"));
    form.appendChild(attrs);
    el.appendChild(form);
    input.focus();
    input.select();
    form.addEventListener("keydown", (ev) => {
      ev.stopPropagation();
      if (ev.key === "Enter") {
        ev.preventDefault();
        const value = input.value;
        const values = attributeValues(attrs);
        form.remove();
        decide("set", value, values);
      } else if (ev.key === "Escape") {
        form.remove();
        el.focus();
      }
    });
  }

  function itemOf(c) {
    // the element of the item a correction names (an added item by its correction's id)
    if (c.action === "add") return document.querySelector('.item[data-correction="' + c.id + '"]');
    return items().find(
      (el) => el.dataset.sha === c.sha256 && el.dataset.field === c.field && el.dataset.key === c.item_key && !el.classList.contains("added"),
    );
  }

  async function undoLast() {
    try {
      const data = await post("/api/undo", {});
      if (!data.undone) return say("nothing of yours to undo");
      const el = itemOf(data.undone);
      if (el && data.undone.action === "add") el.remove();
      else if (el) {
        el.classList.remove("decided", "decided-accept", "decided-reject", "decided-set");
        const cell = el.querySelector(".decision");
        if (cell) cell.textContent = "";
        if (data.now) showDecision(el, data.now);
        else if (data.undone.action === "set") {
          const value = el.querySelector(".value");
          if (value) value.textContent = data.undone.previous ?? "(none found)";
          el.dataset.value = data.undone.previous ?? "";
        }
      }
      say("undone: " + data.undone.action + " on " + (specs[data.undone.field] || {}).title);
    } catch (err) {
      say(err.message, true);
    }
  }

  function showAdded(c, text) {
    // the item just added, in its field's group, without reloading the page
    const li = document.createElement("li");
    li.className = "item added";
    li.tabIndex = -1;
    li.id = "item-c" + c.id;
    Object.assign(li.dataset, {
      n: String(items().length), sha: c.sha256, field: c.field, key: c.item_key, value: c.value,
      page: String(c.page), correction: String(c.id), attrs: c.attrs || "{}",
    });
    const value = document.createElement("span");
    value.className = "value";
    value.textContent = c.value;
    const quote = document.createElement("q");
    quote.textContent = text;
    const tag = document.createElement("span");
    tag.className = "tag added";
    tag.textContent = "added by " + c.author;
    li.append(value, " ", quote, " ", tag);
    let group = document.querySelector('.field-group[data-field="' + c.field + '"] ul');
    if (!group) {
      const section = document.createElement("section");
      section.className = "field-group";
      section.dataset.field = c.field;
      const title = document.createElement("h3");
      title.textContent = specs[c.field].title;
      group = document.createElement("ul");
      section.append(title, group);
      document.querySelector(".values").appendChild(section);
    }
    group.appendChild(li);
    li.addEventListener("click", () => focusItem(items().indexOf(li)));
    focusItem(items().indexOf(li));
  }

  // --- adding the selected text --------------------------------------------------------------------
  const pageText = document.getElementById("page-text");
  const addForm = document.getElementById("add-form");
  let selection = null;

  function offsetIn(node, offset) {
    // a selection end as an offset into the page text: its piece's start plus the characters before it
    let el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (node.nodeType !== Node.TEXT_NODE && el.childNodes[offset]) {
      el = el.childNodes[offset];
      offset = 0;
      if (el.nodeType === Node.TEXT_NODE) el = el.parentElement;
    }
    while (el && el !== pageText && el.dataset.start === undefined) el = el.parentElement;
    if (!el || el === pageText) return null;
    return Number(el.dataset.start) + offset;
  }

  function startAdd() {
    if (!pageText) return say("adding works on a document's page", true);
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed || !pageText.contains(sel.anchorNode)) {
      return say("select the words on the page text first, then press s", true);
    }
    const range = sel.getRangeAt(0);
    const start = offsetIn(range.startContainer, range.startOffset);
    const end = offsetIn(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return say("select text within one page", true);
    selection = { page: Number(pageText.dataset.page), start: start, end: end };
    document.getElementById("add-text").textContent = sel.toString();
    addForm.hidden = false;
    fillVocabulary();
    document.getElementById("add-value").focus();
  }

  function fillVocabulary() {
    const field = document.getElementById("add-field").value;
    const list = document.getElementById("add-vocabulary");
    list.replaceChildren(...specs[field].vocabulary.map((v) => new Option(v)));
    const value = document.getElementById("add-value");
    if (!specs[field].vocabulary.length) value.value = document.getElementById("add-text").textContent.trim();
    else value.value = "";
    document.getElementById("add-attrs").replaceChildren(attributeControls(specs[field], {}));
  }

  if (addForm) {
    document.getElementById("add-field").addEventListener("change", fillVocabulary);
    document.getElementById("add-cancel").addEventListener("click", () => (addForm.hidden = true));
    addForm.addEventListener("keydown", (ev) => {
      ev.stopPropagation();
      if (ev.key === "Escape") addForm.hidden = true;
    });
    addForm.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const field = document.getElementById("add-field").value;
      const value = document.getElementById("add-value").value;
      const sha = JSON.parse(document.getElementById("doc-data").textContent).sha256;
      const key = field === "statutes_cited" ? "" : undefined;
      try {
        const body = { sha256: sha, field: field, action: "add", value: value, ...selection };
        const attrs = attributeValues(document.getElementById("add-attrs"));
        if (attrs !== undefined) body.attrs = attrs;
        if (key !== undefined) body.item_key = key;
        const data = await post("/api/decide", body);
        addForm.hidden = true;
        showAdded(data.correction, data.correction.text);
        say("added (u undoes)");
      } catch (err) {
        say(err.message, true);
      }
    });
  }

  // --- page marks: boxes in percent of the page image ------------------------------------------------
  document.querySelectorAll(".mark").forEach((m) => {
    const [x0, y0, x1, y1] = ["x0", "y0", "x1", "y1"].map((k) => Number(m.dataset[k]));
    Object.assign(m.style, { left: x0 + "%", top: y0 + "%", width: x1 - x0 + "%", height: y1 - y0 + "%" });
    m.addEventListener("click", () => focusItem(items().findIndex((el) => el.dataset.n === m.dataset.n)));
  });
  document.querySelectorAll(".hl").forEach((h) =>
    h.addEventListener("click", () => {
      if (!window.getSelection().isCollapsed) return;
      const n = h.dataset.items.split(" ")[0];
      focusItem(items().findIndex((el) => el.dataset.n === n));
    }),
  );
  items().forEach((el, i) => el.addEventListener("click", (ev) => {
    if (ev.target.tagName !== "A" && ev.target.tagName !== "INPUT") focusItem(i);
  }));

  // adjudication: take one annotator's decision as the reviewer's
  document.querySelectorAll("button.adjudicate").forEach((b) =>
    b.addEventListener("click", async () => {
      const row = b.closest(".dispute");
      const body = { sha256: row.dataset.sha, field: row.dataset.field, item_key: row.dataset.key, action: b.dataset.action, note: "adjudicated" };
      if (b.dataset.action === "set") body.value = b.dataset.value;
      try {
        await post("/api/decide", body);
        row.classList.add("decided");
        say("adjudicated");
      } catch (err) {
        say(err.message, true);
      }
    }),
  );

  const help = document.getElementById("help");
  document.getElementById("help-toggle").addEventListener("click", () => (help.hidden = !help.hidden));

  function turnPage(step) {
    const here = document.querySelector('.pages a[aria-current="page"]');
    const links = Array.from(document.querySelectorAll(".pages a"));
    const target = links[links.indexOf(here) + step];
    if (target) location.href = target.href;
  }

  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || tag === "button" && ev.key === "Enter") return;
    const keys = {
      j: () => focusItem(current + 1), ArrowDown: () => focusItem(current + 1),
      k: () => focusItem(current - 1), ArrowUp: () => focusItem(current - 1),
      a: () => decide("accept"), r: () => decide("reject"), e: edit, u: undoLast, s: startAdd,
      n: () => { const next = document.getElementById("next-doc"); if (next) location.href = next.href; },
      "[": () => turnPage(-1), "]": () => turnPage(1),
      "?": () => (help.hidden = !help.hidden),
      Enter: () => {
        const el = currentItem();
        const link = el && el.querySelector("a.open");
        if (link) location.href = link.href;
      },
    };
    const act = keys[ev.key];
    if (act) {
      ev.preventDefault();
      act();
    }
  });

  // start on the item the address names, else the first undecided one
  const named = location.hash && document.getElementById(location.hash.slice(1));
  const all = items();
  if (named && named.classList.contains("item")) focusItem(all.indexOf(named));
  else if (all.length) focusItem(Math.max(0, all.findIndex((el) => !el.classList.contains("decided"))));
})();
