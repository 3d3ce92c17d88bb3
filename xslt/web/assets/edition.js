// Enhancements of the web edition. The pages read, link and cite without any of this:
// notes are footnotes, turns are permalinks, the citation names the document.
(() => {
  "use strict";

  const escapePattern = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  // Notes open in place: the footnote link becomes a button that shows the note in a popover,
  // which takes the focus (a screen reader reads it), keeps it while open (Tab cycles inside),
  // and gives it back to its call on Escape or Close.
  function notePopovers() {
    if (!Object.prototype.hasOwnProperty.call(HTMLElement.prototype, "popover")) return;
    for (const link of document.querySelectorAll("sup.noteref > a[data-note]")) {
      const id = link.dataset.note;
      const footnote = document.getElementById(id);
      if (!footnote) continue;
      const name = link.getAttribute("aria-label") || `Note ${link.textContent.trim()}`;
      const popover = document.createElement("div");
      popover.id = `${id}-popover`;
      popover.className = `note-popover ${footnote.className}`;
      popover.popover = "auto";
      popover.tabIndex = -1;
      popover.setAttribute("role", "dialog");
      popover.setAttribute("aria-modal", "true");
      popover.setAttribute("aria-label", name);
      const words = footnote.querySelector(".note-body").cloneNode(true);
      words.querySelectorAll(".note-permalink").forEach((element) => element.remove());
      words.querySelectorAll("[id]").forEach((element) => element.removeAttribute("id"));
      const actions = document.createElement("p");
      actions.className = "note-actions";
      const toList = document.createElement("a");
      toList.href = `#${id}`;
      toList.textContent = "In the list of notes";
      const close = document.createElement("button");
      close.type = "button";
      close.className = "quiet";
      close.textContent = "Close";
      let leaving = false;
      close.addEventListener("click", () => { popover.hidePopover(); button.focus(); });
      // Following the note to the list of notes is the one way out that does not go back to the call.
      toList.addEventListener("click", () => { leaving = true; popover.hidePopover(); });
      popover.addEventListener("keydown", (event) => {
        if (event.key !== "Tab") return;
        const stops = [...popover.querySelectorAll("a[href], button")];
        const first = stops[0];
        const last = stops[stops.length - 1];
        if (event.shiftKey && (document.activeElement === first || document.activeElement === popover)) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      });
      actions.append(toList, close);
      popover.append(words, actions);

      const button = document.createElement("button");
      button.type = "button";
      button.id = link.id;
      button.dataset.note = id;
      button.setAttribute("aria-label", name);
      button.className = link.className;
      button.append(...link.childNodes);
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", popover.id);
      button.popoverTargetElement = popover;
      link.replaceWith(button);
      button.parentElement.after(popover);

      const place = () => placeNear(popover, button);
      popover.addEventListener("toggle", (event) => {
        const open = event.newState === "open";
        button.setAttribute("aria-expanded", String(open));
        if (open) {
          place();
          popover.focus();
          window.addEventListener("scroll", place, { passive: true });
          window.addEventListener("resize", place);
        } else {
          window.removeEventListener("scroll", place);
          window.removeEventListener("resize", place);
          if (!leaving && (popover.contains(document.activeElement) || document.activeElement === document.body)) button.focus();
          leaving = false;
        }
      });
    }
  }

  function placeNear(popover, anchor) {
    const gap = 8;
    const box = anchor.getBoundingClientRect();
    const width = popover.offsetWidth;
    const height = popover.offsetHeight;
    const left = Math.max(gap, Math.min(box.left - 16, window.innerWidth - width - gap));
    const below = box.bottom + gap;
    const top = below + height > window.innerHeight && box.top - gap - height > 0 ? box.top - gap - height : below;
    popover.style.left = `${left}px`;
    popover.style.top = `${top}px`;
  }

  // "Cite this" follows the turn in the address (#t12), gives full URLs and the day of reading.
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"];
  const MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
  // Inside a BibTeX field, the characters that could close it are percent-encoded (as the page's own URL is).
  const bibtexUrl = (url) => url.replace(/%/g, "%25").replace(/\{/g, "%7B").replace(/\}/g, "%7D").replace(/\\/g, "%5C");

  function accessed(today) {
    const [day, month, year] = [today.getDate(), today.getMonth(), today.getFullYear()];
    const iso = `${year}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    return {
      plain: ` Accessed ${day} ${MONTHS[month]} ${year}.`,
      chicago: ` Accessed ${MONTHS[month]} ${day}, ${year}.`,
      mla: ` Accessed ${day} ${MLA_MONTHS[month]} ${year}.`,
      bibtex: `,\n  urldate = {${iso}}`,
    };
  }

  function citation() {
    const box = document.querySelector(".cite[data-permalink]");
    if (!box) return;
    const page = box.dataset.absolute === "true"
      ? box.dataset.permalink
      : new URL(box.dataset.permalink, window.location.href).href.split(/[?#]/)[0];
    const scope = box.querySelector(".cite-scope");
    const wholeDocument = scope.textContent;
    const days = accessed(new Date());
    box.querySelectorAll(".cite-accessed").forEach((element) => {
      element.textContent = days[element.dataset.style];
      element.hidden = false;
    });

    const update = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      const head = id ? document.getElementById(id) : null;
      const turn = head && head.classList.contains("turn-head") ? head.dataset.turn : "";
      box.querySelectorAll(".cite-turn").forEach((element) => { element.hidden = !turn; });
      box.querySelectorAll(".cite-n").forEach((element) => { element.textContent = turn; });
      box.querySelectorAll(".cite-url").forEach((element) => {
        const url = page + (turn ? `#${id}` : "");
        element.textContent = element.dataset.escape === "bibtex" ? bibtexUrl(url) : url;
      });
      scope.textContent = turn ? `Citing turn ${turn}. To cite the whole document, go to its top.` : wholeDocument;
      document.querySelectorAll(".cite-this").forEach((element) => element.remove());
      if (turn) {
        const jump = document.createElement("button");
        jump.type = "button";
        jump.className = "cite-this quiet";
        jump.textContent = `Cite turn ${turn}`;
        jump.addEventListener("click", () => {
          box.querySelector("details.cite-details").open = true;
          box.scrollIntoView({ block: "start" });
          box.querySelector("h3").focus();
        });
        head.after(jump);
      }
    };
    box.querySelector("h3").tabIndex = -1;

    for (const [selector, label] of [["#cite-plain", "Copy citation"], ["#cite-chicago", "Copy Chicago"],
      ["#cite-mla", "Copy MLA"], ["#cite-bibtex", "Copy BibTeX"]]) {
      const source = box.querySelector(selector);
      if (!source) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "copy quiet";
      button.textContent = label;
      button.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(source.innerText.trim());
          button.textContent = "Copied";
        } catch {
          window.getSelection().selectAllChildren(source);
          button.textContent = "Selected: press Ctrl+C";
        }
        setTimeout(() => { button.textContent = label; }, 2500);
      });
      source.after(button);
    }
    window.addEventListener("hashchange", update);
    update();
  }

  // Words found by the search (?hl=…) are marked in the turn the hit leads to.
  function markHits() {
    const words = (new URLSearchParams(window.location.search).get("hl") || "").split(/\s+/).filter(Boolean);
    if (!words.length) return;
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    const scope = (target && target.closest(".turn, section, aside, li")) || document.querySelector(".text");
    if (!scope) return;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${words.map(escapePattern).join("|")})(?![\\p{L}\\p{N}])`, "giu");
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => node.parentElement.closest(".why, .visually-hidden, script")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const text of texts) {
      const parts = text.data.split(pattern);
      if (parts.length < 2) continue;
      const fragment = document.createDocumentFragment();
      parts.forEach((part, index) => {
        if (index % 2) {
          const mark = document.createElement("mark");
          mark.className = "hit";
          mark.textContent = part;
          fragment.append(mark);
        } else if (part) {
          fragment.append(part);
        }
      });
      text.replaceWith(fragment);
    }
  }

  // A tooltip opened by focus or hover closes with Escape (WCAG 1.4.13).
  function dismissibleTips() {
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      const tip = document.activeElement && document.activeElement.closest(".supplied, .unclear, .choice");
      document.querySelectorAll(".supplied:hover, .unclear:hover, .choice:hover").forEach((element) => element.classList.add("tip-dismissed"));
      if (tip) tip.classList.add("tip-dismissed");
    });
    const reset = (event) => {
      const tip = event.target.closest && event.target.closest(".tip-dismissed");
      if (tip) tip.classList.remove("tip-dismissed");
    };
    document.addEventListener("focusout", reset);
    document.addEventListener("mouseout", reset);
  }

  // A tip opens below its words from their left edge: near the right edge of a narrow screen it
  // would run off it, so it moves left as far as it must.
  function tipsOnScreen() {
    const place = (event) => {
      const host = event.target.closest && event.target.closest(".supplied, .unclear, .choice");
      const tip = host && host.querySelector(":scope > .why");
      if (!tip) return;
      tip.style.left = "";
      const overflow = tip.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
      if (overflow > 0) tip.style.left = `${-overflow}px`;
    };
    document.addEventListener("focusin", place);
    document.addEventListener("mouseover", place);
  }

  // On a phone the text comes first: the source description and the citation wait behind their
  // summaries. Paper shows them all.
  function compactAbout() {
    const folded = document.querySelectorAll("details.source-details, details.cite-details");
    if (window.matchMedia("(max-width: 40rem)").matches) {
      folded.forEach((details) => { details.open = false; });
    }
    window.addEventListener("beforeprint", () => folded.forEach((details) => { details.open = true; }));
  }

  // The omissions table can be narrowed to some kinds: a box per kind, all ticked at first.
  function omissionFilters() {
    const table = document.querySelector("table.apparatus");
    if (!table) return;
    const kinds = new Map();
    for (const row of table.querySelectorAll("tbody tr[class^='kind-']")) {
      const label = row.querySelector("td[data-label='Kind']").textContent;
      kinds.set(row.className, { label, count: (kinds.get(row.className)?.count || 0) + 1 });
    }
    if (kinds.size < 2) return;
    const filters = document.createElement("fieldset");
    filters.className = "filters";
    const legend = document.createElement("legend");
    legend.textContent = "Show";
    filters.append(legend);
    const apply = () => {
      const hidden = new Set([...filters.querySelectorAll("input:not(:checked)")].map((box) => box.value));
      for (const body of table.tBodies) {
        let shown = 0;
        for (const row of body.rows) {
          if (!row.className.startsWith("kind-")) continue;
          row.hidden = hidden.has(row.className);
          if (!row.hidden) shown += 1;
        }
        body.hidden = shown === 0;
      }
    };
    for (const [kind, { label, count }] of [...kinds].sort((a, b) => b[1].count - a[1].count)) {
      const choice = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = kind;
      box.addEventListener("change", apply);
      choice.append(box, ` ${label} (${count})`);
      filters.append(choice);
    }
    const tally = document.querySelector("ul.tally");
    if (tally) tally.hidden = true;
    table.closest(".table-wrap").before(filters);
  }

  // A table or code wider than the screen scrolls in its own box: one that scrolls becomes a named
  // tab stop (the keyboard scrolls it with the arrow keys); one that fits is no stop at all.
  function scrollingBoxes() {
    const boxes = document.querySelectorAll("main .table-wrap, main pre");
    if (!boxes.length) return;
    const update = () => {
      for (const box of boxes) {
        if (box.scrollWidth > box.clientWidth + 1) {
          const caption = box.querySelector("caption");
          box.tabIndex = 0;
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", box.localName === "pre" ? "Code, scrolls sideways"
            : `Table${caption ? ` “${caption.textContent.trim().slice(0, 60)}”` : ""}, scrolls sideways`);
        } else {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
      }
    };
    update();
    window.addEventListener("resize", update, { passive: true });
  }

  compactAbout();
  scrollingBoxes();
  omissionFilters();
  notePopovers();
  citation();
  markHits();
  dismissibleTips();
  tipsOnScreen();
})();
