// The browser side of `teikit edit`: a reading view and a source view of one document, a toolbar of
// actions, and the findings, header and history beside them. Every action is sent to the server,
// which checks the witness, validates and saves it; the page then shows what the server saved.
import { EditorState, StateEffect, StateField } from "@codemirror/state";
import { EditorView, Decoration, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { foldGutter, foldKeymap, syntaxHighlighting, HighlightStyle, bracketMatching } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { defaultKeymap } from "@codemirror/commands";
import { search, searchKeymap } from "@codemirror/search";
import { xml } from "@codemirror/lang-xml";

const $ = (id) => document.getElementById(id);
let doc = null; // the state the server last sent: name, hash, source, texts, elements, …
let selection = null; // {start: [t, offset], end: [t, offset], element: n | null}
let register = [];
let placeTypes = ["city"];
let busy = false;

// ---- the server --------------------------------------------------------------------------------

async function api(path, options = {}) {
  const response = await fetch(path, {
    credentials: "same-origin",
    ...options,
    headers: { "content-type": "application/json", ...(options.headers || {}) },
  });
  const body = await response.json().catch(() => ({ error: `the server answered ${response.status}` }));
  if (!response.ok) {
    const error = new Error(body.error || `the server answered ${response.status}`);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return body;
}

const docPath = (name) => `/api/documents/${name.split("/").map(encodeURIComponent).join("/")}`;

async function change(path, payload) {
  if (busy) return;
  busy = true;
  status("Checking and saving…");
  try {
    const state = await api(`${docPath(doc.name)}/${path}`, {
      method: "POST",
      headers: { "if-match": `"${doc.hash}"` },
      body: JSON.stringify(payload || {}),
    });
    await show(state);
    status(`Saved: ${state.done}`);
    say("");
    loadHistory();
  } catch (error) {
    refused(error);
  } finally {
    busy = false;
  }
}

function refused(error) {
  if (error.status === 412) {
    say(error.message, "Reload", () => open(doc.name));
    status("Not saved");
  } else {
    say(error.message);
    status("Not saved");
    if (error.body && error.body.findings) showFindings(error.body.findings, true);
  }
}

const act = (action, params) => change("actions", { action, params });

// ---- messages ----------------------------------------------------------------------------------

function status(text) {
  $("save-state").textContent = text;
}

function say(text, button, onClick) {
  const box = $("message");
  box.replaceChildren();
  box.hidden = !text;
  if (!text) return;
  const p = document.createElement("p");
  p.textContent = text;
  box.append(p);
  if (button) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = button;
    b.addEventListener("click", onClick);
    box.append(b);
    b.focus();
  }
}

// ---- the source view (CodeMirror) --------------------------------------------------------------

const follow = StateEffect.define();
const followField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const e of tr.effects) {
      if (e.is(follow)) {
        marks = e.value && e.value.to > e.value.from
          ? Decoration.set([Decoration.mark({ class: "cm-follow" }).range(e.value.from, e.value.to)])
          : Decoration.none;
      }
    }
    return marks.map(tr.changes);
  },
  provide: (f) => EditorView.decorations.from(f),
});

// Colours that keep a contrast of at least 4.5:1 on the page (WCAG AA).
const sourceColours = HighlightStyle.define([
  { tag: tags.tagName, color: "#0b5c3b" },
  { tag: tags.attributeName, color: "#7a3e00" },
  { tag: tags.attributeValue, color: "#1a4f99" },
  { tag: [tags.comment, tags.processingInstruction, tags.meta], color: "#595959", fontStyle: "italic" },
  { tag: [tags.angleBracket, tags.definitionOperator], color: "#4a4a4a" },
  { tag: tags.character, color: "#6b2d82" },
  { tag: tags.invalid, color: "#a00000" },
]);

let sourceView = null;
let settingFromReading = false;

function makeSource(text) {
  const state = EditorState.create({
    doc: text,
    extensions: [
      lineNumbers(), foldGutter(), drawSelection(), highlightActiveLine(), bracketMatching(),
      syntaxHighlighting(sourceColours), xml(), search({ top: true }),
      keymap.of([...searchKeymap, ...foldKeymap, ...defaultKeymap]),
      EditorState.readOnly.of(true), EditorView.lineWrapping, followField,
      EditorView.cspNonce.of(document.querySelector('meta[name="teikit-style-nonce"]').content),
      EditorView.contentAttributes.of({ "aria-label": "Source of the document (read-only): select here or in the reading view" }),
      EditorView.updateListener.of((update) => {
        if (update.selectionSet && !settingFromReading) fromSource(update.state.selection.main);
      }),
    ],
  });
  if (sourceView) sourceView.destroy();
  sourceView = new EditorView({ state, parent: $("source") });
}

// ---- offsets -----------------------------------------------------------------------------------

const codePoints = (text, units) => Array.from(text.slice(0, units)).length;
const units = (text, points) => Array.from(text).slice(0, points).join("").length;
const nodeValue = (t) => doc.source.slice(doc.texts[t][0], doc.texts[t][1]);

function textSpan(t) {
  return $("reading").querySelector(`[data-t="${t}"]`);
}

// A DOM boundary as [text node number, offset in code points]; forward: the first text at or after it.
function pointAt(container, offset, forward) {
  const reading = $("reading");
  if (container.nodeType === Node.TEXT_NODE) {
    const span = container.parentElement && container.parentElement.closest("[data-t]");
    if (span && reading.contains(span)) {
      return [Number(span.dataset.t), codePoints(container.data, offset)];
    }
  }
  const spans = Array.from(reading.querySelectorAll("[data-t]"));
  const boundary = document.createRange();
  boundary.setStart(container, offset);
  if (forward) {
    const next = spans.find((s) => boundary.comparePoint(s, 0) >= 0);
    return next ? [Number(next.dataset.t), 0] : null;
  }
  const before = spans.filter((s) => boundary.comparePoint(s, s.childNodes.length) <= 0).pop();
  return before ? [Number(before.dataset.t), Array.from(before.textContent).length] : null;
}

function fromReading() {
  const chosen = window.getSelection();
  if (!doc || !chosen.rangeCount) return;
  const range = chosen.getRangeAt(0);
  if (!$("reading").contains(range.commonAncestorContainer)) return;
  const start = pointAt(range.startContainer, range.startOffset, true);
  const end = range.collapsed ? start : pointAt(range.endContainer, range.endOffset, false);
  const holder = (range.startContainer.nodeType === Node.TEXT_NODE ? range.startContainer.parentElement : range.startContainer);
  const element = holder && holder.closest ? holder.closest("[data-e]") : null;
  selection = { start, end, element: element ? Number(element.dataset.e) : null, kind: element ? element.dataset.kind : null };
  if (start && end && sourceView) {
    const from = sourceOffset(start), to = sourceOffset(end);
    settingFromReading = true;
    sourceView.dispatch({ effects: [follow.of({ from: Math.min(from, to), to: Math.max(from, to) }),
      EditorView.scrollIntoView(Math.min(from, to), { y: "center" })] });
    settingFromReading = false;
  }
  updateToolbar();
}

function sourceOffset([t, points]) {
  const [start, end, exact] = doc.texts[t];
  if (!exact) return points === 0 ? start : end;
  return start + units(nodeValue(t), points);
}

// A source offset as a point in the text node holding it (or the nearest one after/before it).
function pointFromSource(offset, forward) {
  const texts = doc.texts;
  let low = 0, high = texts.length - 1, found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (texts[mid][0] <= offset) { found = mid; low = mid + 1; } else high = mid - 1;
  }
  if (found >= 0 && offset <= texts[found][1]) {
    const [start, , exact] = texts[found];
    const points = exact ? codePoints(nodeValue(found), offset - start) : (offset > start ? Array.from(nodeValue(found)).length : 0);
    return [found, points];
  }
  if (forward) return found + 1 < texts.length ? [found + 1, 0] : null;
  return found >= 0 ? [found, Array.from(nodeValue(found)).length] : null;
}

function fromSource(range) {
  if (!doc) return;
  const start = pointFromSource(range.from, true);
  const end = range.empty ? start : pointFromSource(range.to, false);
  let element = null;
  doc.elements.forEach(([s, e], n) => { if (s <= range.from && range.from < e) element = n; });
  const holder = element === null ? null : $("reading").querySelector(`[data-e="${element}"]`);
  selection = { start, end, element, kind: holder ? holder.dataset.kind : null };
  if (start && end && CSS.highlights) {
    const a = textSpan(start[0]), b = textSpan(end[0]);
    if (a && b && a.firstChild && b.firstChild) {
      const r = document.createRange();
      r.setStart(a.firstChild, units(a.firstChild.data, start[1]));
      r.setEnd(b.firstChild, units(b.firstChild.data, end[1]));
      CSS.highlights.set("follow", new Highlight(r));
      a.scrollIntoView({ block: "nearest" });
    }
  }
  updateToolbar();
}

function selectedText() {
  if (!selection || !selection.start || !selection.end) return "";
  const [s, so] = selection.start, [e, eo] = selection.end;
  let text = "";
  for (let t = s; t <= e; t++) {
    const value = Array.from(nodeValue(t));
    text += value.slice(t === s ? so : 0, t === e ? eo : value.length).join("");
  }
  return text.replace(/\s+/g, " ").trim();
}

// ---- the document ------------------------------------------------------------------------------

// Links of the reading view lead nowhere in the editor; without an address a link may not carry
// an aria-label either (the turn numbers' "Turn 12"), so the number is left to the visible text.
function unlink(root) {
  for (const link of root.querySelectorAll("a[href]")) {
    link.removeAttribute("href");
    link.removeAttribute("aria-label");
  }
}

// After an action the server renders only the turns it changed (and the list of notes): they
// replace the turns they were, and every other node's number moves as the server says.
function patchReading(patch, html) {
  const reading = $("reading");
  const turn = (n) => reading.querySelector(`[data-kind="sp"][data-e="${n}"]`);
  let from = null, to = null;
  if (patch.first !== null) {
    from = turn(patch.first);
    to = turn(patch.last);
    if (!from || !to || from.parentNode !== to.parentNode) return false;
  }
  const made = document.createElement("template");
  made.innerHTML = html;
  let place = null;
  if (from) {
    place = document.createComment("patch");
    from.before(place);
    for (let node = from; node; ) {
      const next = node.nextSibling;
      node.remove();
      if (node === to) break;
      node = next;
    }
  }
  const notes = made.content.querySelector("section.notes");
  const oldNotes = reading.querySelector("section.notes");
  if (notes && oldNotes) oldNotes.remove();
  const shift = (name, [threshold, before, after]) => {
    for (const element of reading.querySelectorAll(`[data-${name}]`)) {
      const n = Number(element.getAttribute(`data-${name}`));
      element.setAttribute(`data-${name}`, String(n + (n < threshold ? before : after)));
    }
  };
  shift("e", patch.elements);
  shift("t", patch.texts);
  unlink(made.content);
  if (place) {
    const turns = made.content.querySelector(".patch");
    place.replaceWith(...(turns ? turns.childNodes : []));
  }
  if (notes) (reading.querySelector(".reading-text") || reading).append(notes);
  return true;
}

// The source as saved, changed in place (the view keeps its scroll and folds).
function setSource(text) {
  if (!sourceView) return makeSource(text);
  const old = sourceView.state.doc.toString();
  const most = Math.min(old.length, text.length);
  let start = 0;
  while (start < most && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (end < most - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
  settingFromReading = true;
  sourceView.dispatch({
    changes: { from: start, to: old.length - end, insert: text.slice(start, text.length - end) },
    effects: follow.of(null),
  });
  settingFromReading = false;
}

function show(state) {
  const patched = state.patch && doc && doc.name === state.name && patchReading(state.patch, state.reading);
  if (state.patch && !patched) return open(state.name, state.done);
  doc = state;
  selection = null;
  if (patched) {
    setSource(state.source);
  } else {
    $("reading").innerHTML = state.reading;
    unlink($("reading"));
    makeSource(state.source);
  }
  showFindings(state.findings, false);
  showHeader(state.header);
  $("undo").disabled = !state.can.undo;
  $("undo").title = state.can.undo ? `Undo: ${state.can.undo} (Ctrl+Z)` : "Nothing to undo";
  $("redo").disabled = !state.can.redo;
  $("redo").title = state.can.redo ? `Redo: ${state.can.redo} (Ctrl+Shift+Z)` : "Nothing to redo";
  document.title = `${state.title} — teikit edit`;
  updateToolbar();
}

function showFindings(findings, refusedOnes) {
  const list = $("findings");
  list.replaceChildren();
  if (!findings.length) {
    const li = document.createElement("li");
    li.className = "ok";
    li.textContent = "Valid: no findings.";
    list.append(li);
  }
  for (const f of findings) {
    const li = document.createElement("li");
    li.className = f.severity;
    li.textContent = `${refusedOnes ? "Would be: " : ""}line ${f.line}: ${f.message}`;
    list.append(li);
  }
}

async function open(name, done) {
  try {
    show(await api(docPath(name)));
    $("document-choice").value = name;
    history.replaceState(null, "", `/?document=${encodeURIComponent(name)}`);
    status(done ? `Saved: ${done}` : "");
    say("");
    loadHistory();
  } catch (error) {
    say(error.message);
  }
}

async function loadHistory() {
  const list = $("history");
  list.replaceChildren();
  const { changes } = await api(`${docPath(doc.name)}/history`);
  if (!changes.length) {
    const li = document.createElement("li");
    li.textContent = doc.git ? "No commits of this file yet." : "No changes in this session (the folder is not in git).";
    list.append(li);
  }
  for (const c of changes) {
    const li = document.createElement("li");
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = `${c.what} — ${c.author}, ${c.when.replace("T", " ").slice(0, 16)}`;
    const pre = document.createElement("pre");
    pre.className = "diff";
    for (const line of c.diff.split("\n")) {
      const span = document.createElement("span");
      span.className = line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "";
      span.textContent = line + "\n";
      pre.append(span);
    }
    details.append(summary, pre);
    li.append(details);
    list.append(li);
  }
}

// The version on disk, now and then: a change by another program is said, never overwritten.
async function watch() {
  if (doc && !busy) {
    try {
      const { hash } = await api(`${docPath(doc.name)}/version`);
      if (hash !== doc.hash && !busy) say("The file has been changed on disk by another program or window. Reload to see it; nothing of yours is lost (every action was saved).", "Reload", () => open(doc.name));
    } catch (error) { /* the server may be restarting */ }
  }
  setTimeout(watch, 2000);
}

// ---- dialogs -----------------------------------------------------------------------------------

function ask(title, fields, { extra, note, preview } = {}) {
  return new Promise((resolve) => {
    const dialog = $("dialog"), form = $("dialog-form");
    form.replaceChildren();
    const h = document.createElement("h2");
    h.id = "dialog-title";
    h.textContent = title;
    form.append(h);
    if (note) {
      const p = document.createElement("p");
      p.textContent = note;
      form.append(p);
    }
    if (preview) form.append(preview); // what the note speaks of, before the fields that act on it
    for (const f of fields) {
      const label = document.createElement("label");
      label.textContent = f.label;
      const input = f.options ? document.createElement("select") : document.createElement(f.long ? "textarea" : "input");
      input.name = f.name;
      input.id = `field-${f.name}`;
      label.htmlFor = input.id;
      if (f.options) {
        for (const [value, text] of f.options) {
          const o = document.createElement("option");
          o.value = value;
          o.textContent = text;
          input.append(o);
        }
      }
      if (f.value !== undefined) input.value = f.value;
      if (f.list) input.setAttribute("list", f.list);
      if (f.placeholder) input.placeholder = f.placeholder;
      if (f.required) input.required = true;
      form.append(label, input);
    }
    if (extra) form.append(extra);
    const buttons = document.createElement("div");
    buttons.className = "buttons";
    const ok = document.createElement("button");
    ok.value = "ok";
    ok.textContent = "Apply";
    const cancel = document.createElement("button");
    cancel.value = "cancel";
    cancel.type = "button";
    cancel.textContent = "Cancel";
    cancel.addEventListener("click", () => dialog.close("cancel"));
    buttons.append(ok, cancel);
    form.append(buttons);
    dialog.onclose = () => {
      if (dialog.returnValue !== "ok") return resolve(null);
      resolve(Object.fromEntries(new FormData(form).entries()));
    };
    dialog.returnValue = "";
    dialog.showModal();
    const first = form.querySelector("input, select, textarea");
    if (first) first.focus();
  });
}

function registerList(kind) {
  let list = $(`register-${kind}`);
  if (!list) {
    list = document.createElement("datalist");
    list.id = `register-${kind}`;
    document.body.append(list);
  }
  list.replaceChildren();
  for (const entry of register.filter((e) => e.kind === kind)) {
    for (const form of entry.forms.length ? entry.forms : [entry.name]) {
      const o = document.createElement("option");
      o.value = entry.id;
      o.label = `${form}${entry.wikidata ? ` (${entry.wikidata})` : ""}`;
      o.textContent = form;
      list.append(o);
    }
  }
  return list.id;
}

function entryFor(kind, typed) {
  const value = (typed || "").trim();
  const hit = register.find((e) => e.kind === kind && (e.id === value || e.forms.includes(value) || e.name === value));
  return hit ? hit.id : value;
}

function suggestion(kind) {
  const words = selectedText();
  const hit = register.find((e) => e.kind === kind && e.forms.some((f) => f === words || f.split(" ").pop() === words));
  return hit ? hit.id : "";
}

async function newEntry(kind, suggested) {
  const fields = [
    { name: "names", label: "Name forms (the register's form first; one per line)", long: true, value: suggested, required: true },
    { name: "id", label: "Identifier (xml:id; empty: made from the name)", placeholder: "such as baltic-states" },
    { name: "wikidata", label: "Wikidata item (such as Q30487), if certain", placeholder: "Q…" },
  ];
  if (kind === "place") fields.splice(2, 0, { name: "type", label: "Kind of place", options: placeTypes.map((t) => [t, t]) });
  const answer = await ask(`New ${kind} in the register`, fields);
  if (!answer) return null;
  try {
    const made = await api("/api/register", {
      method: "POST",
      body: JSON.stringify({ kind, names: answer.names.split("\n"), wikidata: answer.wikidata, id: answer.id, type: answer.type }),
    });
    register = made.entries;
    status(`Added ${made.id} to the register`);
    return made.id;
  } catch (error) {
    say(error.message);
    return null;
  }
}

// ---- actions -----------------------------------------------------------------------------------

const needsRange = () => selection && selection.start && selection.end;

function range() {
  if (!needsRange()) { say("Select words in the reading view or the source first."); return null; }
  return { start: selection.start, end: selection.end };
}

function element(kind) {
  if (!selection || selection.element === null) { say(`Place the cursor in a ${kind} first.`); return null; }
  return selection.element;
}

async function tag(kind) {
  const chosen = range();
  if (!chosen) return;
  const create = document.createElement("button");
  create.type = "button";
  create.textContent = `New ${kind} in the register…`;
  let created = null;
  create.addEventListener("click", () => {
    // The close event comes later: the new dialog opens after it, or that event would end it too.
    const dialog = $("dialog");
    dialog.addEventListener("close", async () => {
      created = await newEntry(kind, selectedText());
      if (created) act("tag", { kind, ref: created, ...chosen });
    }, { once: true });
    dialog.close("cancel");
  });
  const answer = await ask(`Tag “${selectedText()}” as a ${kind}`, [
    { name: "ref", label: `Register entry (type a name or id; suggestions from the register)`, list: registerList(kind), value: suggestion(kind), required: true },
  ], { extra: create });
  if (answer) act("tag", { kind, ref: entryFor(kind, answer.ref), ...chosen });
}

async function tagAll() {
  const words = selectedText();
  if (!words) { say("Select the name to tag everywhere first."); return; }
  const kindAnswer = await ask(`Tag every “${words}”`, [
    { name: "kind", label: "Kind", options: [["person", "Person"], ["place", "Place"]] },
  ]);
  if (!kindAnswer) return;
  const kind = kindAnswer.kind;
  const { occurrences } = await api(`${docPath(doc.name)}/preview`, { method: "POST", body: JSON.stringify({ text: words }) });
  const list = document.createElement("ol");
  list.className = "preview";
  for (const o of occurrences) {
    const li = document.createElement("li");
    const mark = document.createElement("mark");
    mark.textContent = words;
    li.append(`…${o.before} `, mark, ` ${o.after}…`);
    list.append(li);
  }
  const answer = await ask(`Tag ${occurrences.length} occurrence${occurrences.length === 1 ? "" : "s"} of “${words}” as a ${kind}`, [
    { name: "ref", label: "Register entry", list: registerList(kind), value: suggestion(kind), required: true },
  ], { preview: list, note: occurrences.length ? "Each untagged occurrence, with its context:" : "No untagged occurrence." });
  if (answer && occurrences.length) act("tag-all", { kind, ref: entryFor(kind, answer.ref), text: words });
}

async function untag() {
  const n = element("name, date or mark");
  if (n !== null) act("untag", { element: n });
}

async function supplied() {
  if (!needsRange()) { say("Place the cursor where the words are missing first."); return; }
  const answer = await ask("Supply missing words (the editors')", [
    { name: "text", label: "Words to supply", required: true },
    { name: "reason", label: "Reason", options: [["clarification", "Clarification"], ["identification", "Identification of a person"]] },
  ]);
  if (answer) act("supplied", { at: selection.end, ...answer });
}

async function unclear() {
  const chosen = range();
  if (!chosen) return;
  const answer = await ask(`Mark “${selectedText()}” unclear`, [
    { name: "reason", label: "Why is the reading uncertain?", value: "illegible", required: true },
  ]);
  if (answer) act("unclear", { ...chosen, ...answer });
}

async function sic() {
  const chosen = range();
  if (!chosen) return;
  const answer = await ask(`Correct “${selectedText()}” (the witness's reading stays, in sic)`, [
    { name: "corr", label: "Correction", required: true },
  ]);
  if (answer) act("sic", { ...chosen, ...answer });
}

async function date() {
  const chosen = range();
  if (!chosen) return;
  const answer = await ask(`Date “${selectedText()}”`, [
    { name: "when", label: "Date (YYYY-MM-DD)", placeholder: "1990-11-19", required: true },
  ]);
  if (answer) act("date", { ...chosen, ...answer });
}

async function note() {
  if (selection && selection.kind === "note" && selection.element !== null) {
    const holder = $("reading").querySelector(`[data-e="${selection.element}"]`);
    if (holder && holder.dataset.type === "editorial") {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "Remove the note";
      remove.addEventListener("click", () => { $("dialog").close("cancel"); act("note-remove", { element: selection.element }); });
      const words = holder.querySelector("[data-note-words]");
      const answer = await ask("Edit the editors' note", [
        { name: "text", label: "Note", long: true, required: true, value: words ? words.dataset.noteWords : "" },
      ], { extra: remove });
      if (answer) act("note-edit", { element: selection.element, ...answer });
      return;
    }
  }
  if (!needsRange()) { say("Place the cursor where the note belongs first."); return; }
  const answer = await ask("Add an editors' note", [{ name: "text", label: "Note", long: true, required: true }]);
  if (answer) act("note", { at: selection.end, ...answer });
}

const participantOptions = () => doc.participants.map((p) => [p.id, `${p.name} (${p.id})`]);

async function speaker() {
  const n = element("turn");
  if (n === null) return;
  const answer = await ask("Change the turn's speaker", [{ name: "who", label: "Speaker", options: participantOptions() }]);
  if (answer) act("speaker", { element: n, ...answer });
}

async function split() {
  const chosen = range();
  if (!chosen) return;
  const answer = await ask(`Start a new turn with the label “${selectedText()}”`, [
    { name: "who", label: "Speaker of the new turn", options: participantOptions() },
  ]);
  if (answer) act("split", { ...chosen, ...answer });
}

async function merge() {
  const n = element("turn");
  if (n === null) return;
  const answer = await ask("Merge this turn into the one before (its label becomes text)", []);
  if (answer) act("merge", { element: n });
}

// An attribute's value as the source writes it in the start tag of element n.
function attributeOf(n, name) {
  const [start, end] = doc.elements[n];
  const opening = doc.source.slice(start, end).match(/^<[^>]*>/);
  const found = opening && opening[0].match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`));
  if (!found) return "";
  const holder = document.createElement("textarea");
  holder.innerHTML = found[1] !== undefined ? found[1] : found[2]; // the character references, read
  return holder.value;
}

async function pagebreak() {
  const n = element("page break");
  if (n === null) return;
  const answer = await ask("Page break", [
    { name: "n", label: "Page number", value: attributeOf(n, "n") },
    { name: "facs", label: "Facsimile (image file or address)", value: attributeOf(n, "facs") },
  ]);
  if (answer) act("pb", { element: n, ...answer });
}

function showHeader(values) {
  const form = $("header-form");
  form.replaceChildren();
  const labels = { title: "Title", date: "Date (YYYY-MM-DD)", summary: "Summary", "source-title": "Source title", "source-date": "Source date (YYYY-MM-DD)" };
  for (const [field, label] of Object.entries(labels)) {
    if (!(field in values)) continue;
    const l = document.createElement("label");
    l.textContent = label;
    const input = document.createElement(field === "summary" ? "textarea" : "input");
    input.id = `header-${field}`;
    input.value = values[field];
    l.htmlFor = input.id;
    const save = document.createElement("button");
    save.type = "button";
    save.textContent = `Save ${label.split(" (")[0].toLowerCase()}`;
    save.addEventListener("click", () => act("header", { field, value: input.value }));
    form.append(l, input, save);
  }
}

// ---- toolbar and keys --------------------------------------------------------------------------

const TOOLS = [
  ["person", "Person", "Alt+P", () => tag("person")],
  ["place", "Place", "Alt+L", () => tag("place")],
  ["tag-all", "Tag all…", "Alt+A", tagAll],
  ["untag", "Untag", "Alt+X", untag],
  ["supplied", "Supplied", "Alt+S", supplied],
  ["unclear", "Unclear", "Alt+U", unclear],
  ["sic", "Sic/corr", "Alt+C", sic],
  ["date", "Date", "Alt+D", date],
  ["note", "Note", "Alt+N", note],
  ["speaker", "Speaker", "Alt+K", speaker],
  ["split", "Split turn", "Alt+T", split],
  ["merge", "Merge turn", "Alt+M", merge],
  ["pb", "Page break", "Alt+B", pagebreak],
  ["undo", "Undo", "Ctrl+Z", () => change("undo")],
  ["redo", "Redo", "Ctrl+Shift+Z", () => change("redo")],
];

function makeToolbar() {
  const bar = $("toolbar");
  for (const [id, label, key, run] of TOOLS) {
    const b = document.createElement("button");
    b.type = "button";
    b.id = id;
    b.textContent = label;
    b.setAttribute("aria-keyshortcuts", key.replace("Ctrl", "Control"));
    b.title = `${label} (${key})`;
    b.addEventListener("mousedown", (e) => e.preventDefault()); // keep the selection in the text
    b.addEventListener("click", run);
    bar.append(b);
  }
}

function updateToolbar() {
  const kind = selection && selection.kind;
  $("untag").disabled = !["persName", "placeName", "date", "unclear", "choice", "supplied"].includes(kind);
  $("pb").disabled = kind !== "pb";
}

function shortcut(event) {
  if ($("dialog").open) return;
  const key = event.key.toLowerCase();
  if ((event.ctrlKey || event.metaKey) && key === "z" && !sourceFocused()) {
    event.preventDefault();
    change(event.shiftKey ? "redo" : "undo");
    return;
  }
  if ((event.ctrlKey || event.metaKey) && key === "y" && !sourceFocused()) {
    event.preventDefault();
    change("redo");
    return;
  }
  if (!event.altKey || event.ctrlKey) return;
  const code = event.code.startsWith("Key") ? event.code.slice(3).toLowerCase() : key;
  const tool = TOOLS.find(([, , k]) => k === `Alt+${code.toUpperCase()}`);
  if (tool) {
    event.preventDefault();
    tool[3]();
  }
}

const sourceFocused = () => sourceView && sourceView.hasFocus;

// A page break or an editors' note's mark holds no words of the text: choosing it (a click, or
// Enter on it) opens its dialog.
function chooseMark(event) {
  const mark = event.target.closest && event.target.closest('#reading [role="button"][data-e]');
  if (!mark || (event.type === "keydown" && event.key !== "Enter" && event.key !== " ")) return;
  event.preventDefault();
  selection = { start: null, end: null, element: Number(mark.dataset.e), kind: mark.dataset.kind };
  updateToolbar();
  (mark.dataset.kind === "pb" ? pagebreak : note)();
}

async function start() {
  makeToolbar();
  $("reading").addEventListener("click", chooseMark);
  $("reading").addEventListener("keydown", chooseMark);
  document.addEventListener("selectionchange", () => {
    if (!sourceFocused()) fromReading();
  });
  document.addEventListener("keydown", shortcut, true);
  $("document-choice").addEventListener("change", (e) => open(e.target.value));
  const { documents } = await api("/api/documents");
  for (const d of documents) {
    const o = document.createElement("option");
    o.value = d.name;
    o.textContent = d.title;
    $("document-choice").append(o);
  }
  const known = await api("/api/register");
  register = known.entries;
  placeTypes = known.place_types;
  const wanted = new URLSearchParams(location.search).get("document");
  const first = documents.find((d) => d.name === wanted) || documents[0];
  if (first) await open(first.name);
  else say("This folder holds no TEI document.");
  watch();
}

start();
