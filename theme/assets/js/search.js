// The header's search box: finds commands, lessons, courses, templates and pages in /search-index.json
// (built by sitegen). "/" focuses it, arrow keys choose, Enter opens, Escape closes. Hidden without JavaScript.

const MAX_RESULTS = 8;
const KIND_LABELS = { command: "Command", lesson: "Lesson", course: "Course", template: "Template", page: "Page" };

const box = document.querySelector(".site-search[data-index-url]");
const input = document.getElementById("site-search-input");
const list = document.getElementById("site-search-results");
const status = document.getElementById("site-search-status");

let entries = null;
let loading = null;
let results = [];
let active = -1;

function load() {
  loading ??= fetch(box.dataset.indexUrl)
    .then((response) => (response.ok ? response.json() : { entries: [] }))
    .then((index) => {
      entries = (index.entries ?? []).map((entry) => ({
        ...entry,
        titleLower: entry.title.toLowerCase(),
        textLower: `${entry.summary ?? ""} ${entry.context ?? ""}`.toLowerCase(),
      }));
    })
    .catch(() => {
      entries = [];
    });
  return loading;
}

/** How well `entry` matches the query words; 0 when some word is missing. Title matches beat the rest. */
function score(entry, words, phrase) {
  let total = 0;
  let heading = null;
  if (entry.titleLower === phrase) total += 100;
  else if (entry.titleLower.startsWith(phrase)) total += 70;
  for (const word of words) {
    const titleWords = entry.titleLower.split(/[\s/·:-]+/);
    if (titleWords.some((part) => part.startsWith(word))) total += 20;
    else if (entry.titleLower.includes(word)) total += 12;
    else if (entry.textLower.includes(word)) total += 4;
    else {
      const found = entry.headings?.find(([text]) => text.toLowerCase().includes(word));
      if (!found) return { total: 0 };
      heading ??= found;
      total += 6;
    }
  }
  if (entry.kind === "command") total += 2;
  return { total, heading };
}

function search(query) {
  const phrase = query.trim().toLowerCase();
  const words = phrase.split(/\s+/).filter(Boolean);
  if (!words.length || !entries) return [];
  return entries
    .map((entry) => ({ entry, ...score(entry, words, phrase) }))
    .filter((result) => result.total > 0)
    .sort((a, b) => b.total - a.total || a.entry.title.localeCompare(b.entry.title))
    .slice(0, MAX_RESULTS);
}

function option(result, index) {
  const { entry, heading } = result;
  const item = document.createElement("li");
  item.id = `site-search-option-${index}`;
  item.className = "site-search-result";
  item.setAttribute("role", "option");
  item.setAttribute("aria-selected", "false");
  item.dataset.kind = entry.kind;
  const link = document.createElement("a");
  link.href = heading ? `${entry.url}#${heading[1]}` : entry.url;
  link.tabIndex = -1;
  const title = document.createElement("span");
  title.className = "site-search-title";
  title.textContent = heading ? `${entry.title} › ${heading[0]}` : entry.title;
  const meta = document.createElement("span");
  meta.className = "site-search-meta";
  meta.textContent = [KIND_LABELS[entry.kind] ?? entry.kind, entry.context].filter(Boolean).join(" · ");
  link.append(title, meta);
  if (entry.summary) {
    const summary = document.createElement("span");
    summary.className = "site-search-summary";
    summary.textContent = entry.summary;
    link.append(summary);
  }
  item.append(link);
  return item;
}

function open(show) {
  list.hidden = !show;
  input.setAttribute("aria-expanded", String(show));
  if (!show) input.removeAttribute("aria-activedescendant");
}

function setActive(index) {
  const items = list.querySelectorAll(".site-search-result");
  active = items.length ? (index + items.length) % items.length : -1;
  items.forEach((item, position) => item.setAttribute("aria-selected", String(position === active)));
  if (active >= 0) {
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }
}

async function update() {
  await load();
  const query = input.value;
  results = search(query);
  list.replaceChildren(...results.map(option));
  if (!query.trim()) {
    open(false);
    status.textContent = "";
    return;
  }
  if (!results.length) {
    const none = document.createElement("li");
    none.className = "site-search-empty";
    none.textContent = "Nothing found. Try a command name such as SET, or a word from a lesson title.";
    list.append(none);
  }
  open(true);
  setActive(0);
  status.textContent = results.length
    ? `${results.length} ${results.length === 1 ? "result" : "results"}; use the arrow keys to choose.`
    : "No results.";
}

function go(index) {
  const link = list.querySelectorAll(".site-search-result a")[index];
  if (link) window.location.href = link.href;
}

/** Whether a key press belongs to something the learner is typing in. */
function typing(target) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest(".CodeMirror"))
  );
}

if (box && input && list) {
  box.hidden = false;
  input.addEventListener("focus", () => load());
  input.addEventListener("input", update);
  input.addEventListener("keydown", (event) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (list.hidden) update();
        else setActive(active + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        setActive(active - 1);
        break;
      case "Enter":
        if (results.length) {
          event.preventDefault();
          go(Math.max(active, 0));
        }
        break;
      case "Escape":
        event.preventDefault();
        if (!list.hidden) open(false);
        else {
          input.value = "";
          input.blur();
        }
        break;
    }
  });
  list.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the box while clicking
  box.addEventListener("focusout", (event) => {
    if (!box.contains(event.relatedTarget)) open(false);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}
