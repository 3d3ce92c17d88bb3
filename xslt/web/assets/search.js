// Full-text search over the edition with the index Pagefind built at `teikit build web`.
// Every hit is a turn (or section) of a document; its link marks the words found there. A hit in
// a note counts in the turn that calls it (the note's words are indexed at its call), and a hit
// on another form of a name (the original script, a misspelling) counts where the name stands.

const form = document.querySelector(".search-form");
const input = form.querySelector("input[name=q]");
const filterBox = form.querySelector(".search-filters");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const PASSAGES_SHOWN = 4;
const FILTERS = [["document", "Document"], ["speaker", "Speaker"], ["year", "Year"]];

const EXCERPT_LENGTH = 24;
// A large edition's index is in several parts (teikit.web.search), the first with Pagefind's
// engine; the search page names them, and Pagefind merges their hits and filters.
const indexes = (form.dataset.indexes || "pagefind").split(" ");

let pagefind = null;
let speakers = null;

// One promise for every caller: the parts must be merged once, however many searches start meanwhile.
function engine() {
  pagefind ??= (async () => {
    const found = await import(new URL(`${indexes[0]}/pagefind.js`, document.baseURI).href);
    await found.options({ excerptLength: EXCERPT_LENGTH });
    await Promise.all(indexes.slice(1).map((folder) =>
      found.mergeIndex(new URL(`${folder}/`, document.baseURI).href, { baseUrl: "/", excerptLength: EXCERPT_LENGTH })));
    return found;
  })().catch((error) => {
    pagefind = null;  // the next search tries again
    throw error;
  });
  return pagefind;
}

// Who speaks each turn (written by the build beside this page), for narrowing hits to a speaker's turns.
async function turnSpeakers() {
  if (!speakers) {
    try {
      speakers = await (await fetch(new URL("search-turns.json", document.baseURI))).json();
    } catch {
      speakers = {};
    }
  }
  return speakers;
}

// Pagefind gives site-absolute URLs ("/file.html#t3"); the site may live in any folder.
const local = (url) => url.replace(/^\//, "");
const plural = (count, noun) => `${count} ${noun}${count === 1 ? "" : "s"}`;

// Excerpts are HTML with <mark>: keep only their text and the marks, leave out the heading the
// excerpt starts with when it is shown above it anyway, and trim the punctuation an excerpt's
// cut leaves at its ends (", we will" → "we will").
function excerptNodes(html, heading) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const first = template.content.firstChild;
  if (heading && first && first.nodeType === Node.TEXT_NODE && first.data.startsWith(heading)) {
    first.data = first.data.slice(heading.length);
  }
  const nodes = [];
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      // Pagefind marks a whole token, "(CSCE)." with its brackets: only the word is marked.
      const [, before, word, after] = node.textContent.match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su);
      const mark = document.createElement("mark");
      mark.textContent = word;
      nodes.push(document.createTextNode(before), mark, document.createTextNode(after));
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  const texts = nodes.filter((node) => node.nodeType === Node.TEXT_NODE);
  if (texts.length && nodes[0] === texts[0]) texts[0].data = texts[0].data.replace(/^[\s,.;:!?)\]}»”’–—-]+/u, "");
  const last = texts[texts.length - 1];
  if (last && nodes[nodes.length - 1] === last) last.data = last.data.replace(/[\s,;:([{«“‘–—-]+$/u, "");
  return nodes;
}

function markedWords(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const words = [...template.content.querySelectorAll("mark")]
    .map((mark) => mark.textContent.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
  return [...new Set(words.filter(Boolean))];
}

function passage(sub, whole, heading) {
  const hit = document.createElement("li");
  const where = document.createElement("a");
  where.className = "where";
  const words = markedWords(sub.excerpt);
  const [path, fragment] = local(sub.url).split("#");
  where.href = `${path}${words.length ? `?hl=${encodeURIComponent(words.join(" "))}` : ""}${fragment ? `#${fragment}` : ""}`;
  where.textContent = whole ? "In the document" : sub.title;
  const count = document.createElement("span");
  count.className = "hit-count";
  count.textContent = ` · ${plural(sub.locations.length, "hit")}`;
  const excerpt = document.createElement("p");
  excerpt.className = "excerpt";
  excerpt.append("… ", ...excerptNodes(sub.excerpt, whole ? "" : heading), " …");
  hit.append(where, count, excerpt);
  return hit;
}

function render(data, speakerNames, turns) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = local(data.url);
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  item.append(heading);
  const page = local(data.url).replace(/\.html.*$/, "");
  let places = data.sub_results.filter((sub) => sub.locations && sub.locations.length && sub.url.includes("#"));
  if (speakerNames.length) {
    places = places.filter((sub) => speakerNames.includes((turns[page] || {})[sub.url.split("#")[1]]));
  }
  const hits = places.length ? places.reduce((sum, sub) => sum + sub.locations.length, 0) : data.locations.length;
  const facts = document.createElement("p");
  facts.className = "date";
  facts.textContent = [data.meta.date, `${plural(hits, "hit")}${places.length ? ` in ${plural(places.length, "passage")}` : ""}`]
    .filter(Boolean).join(" · ");
  item.append(facts);
  const passages = document.createElement("ul");
  passages.className = "hits";
  const shown = places.length ? places : [data];
  shown.forEach((sub, index) => {
    const hit = passage(sub, sub === data, sub.title);
    if (index >= PASSAGES_SHOWN) hit.hidden = true;
    passages.append(hit);
  });
  item.append(passages);
  if (shown.length > PASSAGES_SHOWN) {
    const more = document.createElement("button");
    more.type = "button";
    more.className = "more quiet";
    more.textContent = `Show all ${plural(shown.length, "passage")}`;
    more.addEventListener("click", () => {
      passages.querySelectorAll("li[hidden]").forEach((hit) => { hit.hidden = false; });
      more.remove();
      passages.querySelectorAll("li")[PASSAGES_SHOWN].querySelector("a").focus();
    });
    item.append(more);
  }
  return { item, hits, passages: places.length };
}

function chosen() {
  const filters = {};
  for (const select of filterBox.querySelectorAll("select")) {
    if (select.value) filters[select.name] = [select.value];
  }
  return filters;
}

async function buildFilters() {
  const available = await (await engine()).filters();
  const params = new URLSearchParams(window.location.search);
  for (const [name, label] of FILTERS) {
    const values = Object.entries(available[name] || {});
    if (values.length < 2) continue;
    const field = document.createElement("label");
    field.className = "filter";
    field.append(`${label} `);
    const select = document.createElement("select");
    select.name = name;
    const any = document.createElement("option");
    any.value = "";
    any.textContent = "any";
    select.append(any);
    values.sort((a, b) => a[0].localeCompare(b[0]));
    for (const [value, count] of values) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = `${value} (${count})`;
      option.selected = params.get(name) === value;
      select.append(option);
    }
    select.addEventListener("change", () => submit());
    field.append(select);
    filterBox.append(field);
  }
  filterBox.hidden = !filterBox.children.length;
}

async function run(query) {
  const words = query.trim();
  const filters = chosen();
  list.replaceChildren();
  if (!words && !Object.keys(filters).length) {
    status.textContent = "";
    return;
  }
  status.textContent = words ? `Searching for “${words}”…` : "Searching…";
  let found;
  let turns;
  try {
    found = await (await engine()).search(words || null, { filters });
    turns = filters.speaker ? await turnSpeakers() : {};
  } catch {
    status.textContent = window.location.protocol === "file:"
      ? "Searching needs the site served over HTTP: run `teikit serve` on the built site, or publish it."
      : "The search index could not be loaded.";
    return;
  }
  if (input.value.trim() !== words) return;
  const results = (await Promise.all(found.results.map((result) => result.data())))
    .map((data) => render(data, filters.speaker || [], turns))
    .filter((result) => !filters.speaker || result.passages);
  list.replaceChildren(...results.map((result) => result.item));
  const hits = results.reduce((sum, result) => sum + result.hits, 0);
  const what = words ? `“${words}”` : "the documents chosen";
  status.textContent = results.length
    ? `${plural(results.length, "document")} with ${what}: ${plural(hits, "hit")}.`
    : `No document has ${what}.`;
}

function submit() {
  const url = new URL(window.location.href);
  url.search = "";
  if (input.value) url.searchParams.set("q", input.value);
  for (const [name, values] of Object.entries(chosen())) url.searchParams.set(name, values[0]);
  window.history.replaceState(null, "", url);
  run(input.value);
}

let pending = null;
input.addEventListener("input", () => {
  clearTimeout(pending);
  pending = setTimeout(() => run(input.value), 250);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(pending);
  submit();
});

const initial = new URLSearchParams(window.location.search).get("q") || "";
input.value = initial;
buildFilters().catch(() => {}).finally(() => run(initial));
