// Full-text search over the edition with the index Pagefind built at `teikit build web`.
// Every hit is a turn (or section) of a document; its link marks the words found there.

const form = document.querySelector(".search-form");
const input = form.querySelector("input[name=q]");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const HITS_SHOWN = 6;

let pagefind = null;

async function engine() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
    await pagefind.options({ excerptLength: 28 });
  }
  return pagefind;
}

// Pagefind gives site-absolute URLs ("/file.html#t3"); the site may live in any folder.
const local = (url) => url.replace(/^\//, "");

// Excerpts are HTML with <mark>: keep only their text and the marks, and leave out the
// heading the excerpt starts with when it is shown above it anyway.
function excerptNodes(html, heading) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const first = template.content.firstChild;
  if (heading && first && first.nodeType === Node.TEXT_NODE && first.data.startsWith(heading)) {
    first.data = first.data.slice(heading.length).trimStart();
  }
  const nodes = [];
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) nodes.push(document.createTextNode(node.data));
    else if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else nodes.push(document.createTextNode(node.textContent));
  }
  return nodes;
}

function markedWords(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const words = [...template.content.querySelectorAll("mark")].map((mark) => mark.textContent.toLowerCase().replace(/^\W+|\W+$/gu, ""));
  return [...new Set(words.filter(Boolean))];
}

function render(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = local(data.url);
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta.date) {
    const date = document.createElement("p");
    date.className = "date";
    date.textContent = data.meta.date;
    item.append(date);
  }
  const places = data.sub_results.filter((sub) => sub.locations && sub.locations.length && sub.url.includes("#"));
  const hits = document.createElement("ul");
  hits.className = "hits";
  for (const sub of (places.length ? places : [data]).slice(0, HITS_SHOWN)) {
    const hit = document.createElement("li");
    const where = document.createElement("a");
    where.className = "where";
    const words = markedWords(sub.excerpt);
    const [path, fragment] = local(sub.url).split("#");
    where.href = `${path}${words.length ? `?hl=${encodeURIComponent(words.join(" "))}` : ""}${fragment ? `#${fragment}` : ""}`;
    where.textContent = sub === data ? "In the document" : sub.title;
    const excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    excerpt.append("… ", ...excerptNodes(sub.excerpt, sub === data ? "" : sub.title), " …");
    hit.append(where, excerpt);
    hits.append(hit);
  }
  item.append(hits);
  if (places.length > HITS_SHOWN) {
    const more = document.createElement("p");
    more.className = "more";
    more.textContent = `and ${places.length - HITS_SHOWN} more passages in this document`;
    item.append(more);
  }
  return item;
}

async function run(query) {
  const words = query.trim();
  list.replaceChildren();
  if (!words) {
    status.textContent = "";
    return;
  }
  status.textContent = `Searching for “${words}”…`;
  let found;
  try {
    found = await (await engine()).search(words);
  } catch {
    status.textContent = window.location.protocol === "file:"
      ? "Searching needs the site served over HTTP: run `teikit serve` on the built site, or publish it."
      : "The search index could not be loaded.";
    return;
  }
  if (input.value.trim() !== words) return;
  const results = await Promise.all(found.results.map((result) => result.data()));
  list.replaceChildren(...results.map(render));
  const documents = results.length === 1 ? "1 document" : `${results.length} documents`;
  status.textContent = results.length ? `${documents} with “${words}”.` : `No document has “${words}”.`;
}

let pending = null;
input.addEventListener("input", () => {
  clearTimeout(pending);
  pending = setTimeout(() => run(input.value), 250);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(pending);
  const url = new URL(window.location.href);
  url.searchParams.set("q", input.value);
  window.history.replaceState(null, "", url);
  run(input.value);
});

const initial = new URLSearchParams(window.location.search).get("q") || "";
if (initial) {
  input.value = initial;
  run(initial);
}
