// Only in `make_leaflets.py serve`: reload the page when the preview changed it,
// and show at the top of the page why the last save could not be built.
(function () {
  "use strict";
  var seen = null;
  var banner = null;

  function show(state) {
    if (!state.errors.length) {
      if (banner) { banner.remove(); banner = null; }
      return;
    }
    if (!banner) {
      banner = document.createElement("div");
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:sticky;top:0;z-index:10;margin:0;padding:0.75rem 1rem;" +
        "background:#fff4f4;color:#7a0000;border-bottom:3px solid #b00020;" +
        "font:1rem/1.4 system-ui,sans-serif";
      document.body.insertBefore(banner, document.body.firstChild);
    }
    banner.textContent = "";
    var lead = document.createElement("strong");
    lead.textContent = state.notice;
    banner.appendChild(lead);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0.4rem 0 0;padding-left:1.2rem;font-family:monospace;overflow-wrap:anywhere";
    state.errors.forEach(function (error) {
      var item = document.createElement("li");
      item.textContent = error;
      list.appendChild(item);
    });
    banner.appendChild(list);
  }

  function poll() {
    fetch("/__preview/state", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (seen !== null && state.version !== seen && !state.errors.length) {
          window.location.reload();
          return;
        }
        seen = state.version;
        show(state);
        window.setTimeout(poll, 250);
      })
      .catch(function () { window.setTimeout(poll, 1000); });  // the server is restarting
  }
  poll();
}());
