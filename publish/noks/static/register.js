// noks: filter the register page's table by level, type and field. Local only: no request, no library.
// The filters are in the URL's fragment (#level=6.1&field=0613), so a level's page can link to its part.
const form = document.getElementById("register-filter");
if (form) {
  const rows = Array.from(document.querySelectorAll("#register-table tbody tr"));
  const selects = Array.from(form.querySelectorAll("select"));
  const status = document.getElementById("register-status");

  const matches = (row) => selects.every((s) => !s.value || row.dataset[s.name].split(" ").includes(s.value));

  function apply() {
    let shown = 0;
    for (const row of rows) {
      row.hidden = !matches(row);
      shown += row.hidden ? 0 : 1;
    }
    status.textContent = status.dataset.template.replace("{n}", shown);
  }

  function fromFragment() {
    const wanted = new URLSearchParams(decodeURIComponent(window.location.hash.slice(1)));
    for (const s of selects) {
      const value = wanted.get(s.name) || "";
      s.value = Array.from(s.options).some((o) => o.value === value) ? value : "";
    }
  }

  function toFragment() {
    const chosen = selects.filter((s) => s.value).map((s) => `${s.name}=${encodeURIComponent(s.value)}`);
    try {
      window.history.replaceState(null, "", chosen.length ? `#${chosen.join("&")}` : window.location.pathname);
    } catch (error) {
      // some browsers refuse it for file:// pages; the filter still works
    }
  }

  form.hidden = false;
  fromFragment();
  apply();
  selects.forEach((s) => s.addEventListener("change", () => { apply(); toFragment(); }));
  window.addEventListener("hashchange", () => { fromFragment(); apply(); });
}
