// The query page: SPARQL over the published dump, in the browser, with Oxigraph's WebAssembly
// build (copied into static/oxigraph/ by `noks build`). Loads the graph on the first query.
import init, { Store } from "./oxigraph/web.js";

const form = document.getElementById("query-form");
const text = document.getElementById("query-text");
const chooser = document.getElementById("query-example");
const status = document.getElementById("query-status");
const results = document.getElementById("query-results");
const examples = JSON.parse(document.getElementById("query-examples").textContent);
const prefixes = Object.entries(JSON.parse(document.getElementById("query-prefixes").textContent));
const say = form.dataset;
let loading = null;

function load() {
  loading ??= (async () => {
    status.textContent = say.loading;
    await init();
    const response = await fetch(say.dump);
    if (!response.ok) throw new Error(`${say.dump}: HTTP ${response.status}`);
    const store = new Store();
    store.load(await response.text(), { format: "text/turtle", base_iri: say.base });
    return store;
  })();
  return loading;
}

function iri(value) {
  let best = null;
  for (const [name, namespace] of prefixes) {
    const local = value.slice(namespace.length);
    if (value.startsWith(namespace) && /^[A-Za-z0-9_.-]*$/.test(local) && (!best || namespace.length > best[1].length)) {
      best = [name, namespace, local];
    }
  }
  if (best) return `${best[0]}:${best[2]}`;
  return value.startsWith(say.base) ? `<${value.slice(say.base.length)}>` : `<${value}>`;
}

function show(term) {
  if (!term) return "";
  if (term.termType === "NamedNode") return iri(term.value);
  if (term.termType === "Literal" && term.language) return `${term.value} @${term.language}`;
  if (term.termType === "BlankNode") return `_:${term.value}`;
  return term.value;
}

function table(head, rows) {
  const element = document.createElement("table");
  element.className = "answer";
  const top = element.createTHead().insertRow();
  for (const name of head) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    top.appendChild(th);
  }
  const body = element.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const value of row) tr.insertCell().textContent = value;
  }
  return element;
}

function render(answer) {
  results.replaceChildren();
  if (typeof answer === "boolean") {
    const p = document.createElement("p");
    p.className = "answer";
    p.textContent = answer ? say.yes : say.no;
    results.appendChild(p);
    return "";
  }
  if (answer.length && !(answer[0] instanceof Map)) {
    results.appendChild(table(["subject", "predicate", "object"], answer.map((q) => [show(q.subject), show(q.predicate), show(q.object)])));
    return `${say.rows} ${answer.length}`;
  }
  const head = [...new Set(answer.flatMap((binding) => [...binding.keys()]))];
  results.appendChild(table(head.map((name) => `?${name}`), answer.map((b) => head.map((name) => show(b.get(name))))));
  return `${say.rows} ${answer.length}`;
}

chooser.addEventListener("change", () => {
  text.value = examples[chooser.value];
  history.replaceState(null, "", `?example=${encodeURIComponent(chooser.value)}#editor`);
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const store = await load();
    status.textContent = say.running;
    status.textContent = render(store.query(text.value, { base_iri: say.base }));
  } catch (error) {
    results.replaceChildren();
    status.textContent = `${say.error} ${error.message ?? error}`;
    if (location.protocol === "file:") status.textContent += ` ${say.offline}`;
  }
});

const wanted = new URLSearchParams(location.search).get("example");
if (wanted in examples) {
  chooser.value = wanted;
  text.value = examples[wanted];
}
