// noks: search with the Pagefind index built into the site (one index, Serbian: both scripts match).
// Each language's index is in shards (site/pagefind/{lang}/{n}/, listed in shards.json): the first is
// loaded, the others merged into it (one engine, results ranked together). Needs HTTP (module imports
// do not work from file://).
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const lang = document.documentElement.lang;
const root = new URL(form.dataset.root, window.location.href);
let engine = null;

async function load() {
  if (!engine) {
    const base = new URL(`pagefind/${lang}/`, root);
    const listed = await fetch(new URL("shards.json", base));
    if (!listed.ok) throw new Error(`${listed.status} ${listed.url}`);
    const shards = (await listed.json()).map((shard) => new URL(shard, base));
    const loaded = await import(new URL("pagefind.js", shards[0]).href);
    await loaded.options({ baseUrl: root.pathname });
    for (const shard of shards.slice(1)) await loaded.mergeIndex(shard.pathname, { baseUrl: root.pathname });
    engine = loaded;
  }
  return engine;
}

// Pagefind marks hits with <mark>; build the excerpt from text nodes only.
function excerpt(text) {
  const p = document.createElement("p");
  text.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
    const hit = part.match(/^<mark>(.*)<\/mark>$/);
    const node = hit ? document.createElement("mark") : document.createTextNode("");
    node.textContent = decode(hit ? hit[1] : part);
    p.appendChild(node);
  });
  return p;
}

function decode(text) {
  const area = document.createElement("textarea");
  area.innerHTML = text;
  return area.value;
}

let latest = 0;

async function run(query) {
  const ticket = ++latest;
  if (!query.trim()) { list.replaceChildren(); status.textContent = ""; return; }
  let pagefind;
  try { pagefind = await load(); } catch (error) { status.textContent = status.dataset.offline; return; }
  const found = await pagefind.search(query);
  const results = await Promise.all(found.results.slice(0, 30).map((r) => r.data()));
  if (ticket !== latest) return;  // a newer query is on its way
  const items = results.map((result) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title || result.url;
    item.append(link, excerpt(result.excerpt || ""));
    return item;
  });
  list.replaceChildren(...items);
  status.textContent = results.length ? `${status.dataset.count} ${found.results.length}` : status.dataset.none;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(window.location.href);
  url.searchParams.set("q", input.value);
  window.history.replaceState(null, "", url);
  run(input.value);
});
let timer = null;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => run(input.value), 250); });
const initial = new URLSearchParams(window.location.search).get("q");
if (initial) { input.value = initial; run(initial); }
