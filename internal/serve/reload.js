// Live reload for "blueprints serve". Loaded only by the development
// server, never part of the published site.
(function () {
  "use strict";
  var overlay = null;
  function clear() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function show(problems) {
    clear();
    overlay = document.createElement("div");
    overlay.id = "blueprints-build-error";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.92);color:#fff;padding:2rem;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
    var h = document.createElement("h2");
    h.textContent = hasSite ?
      "The build failed. The last good version of the site is still served." :
      "The build failed. No version of the site has been built yet.";
    overlay.appendChild(h);
    var pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap"; // long lines wrap on a phone
    pre.style.overflowWrap = "anywhere";
    pre.textContent = problems.join("\n"); // text, never HTML
    overlay.appendChild(pre);
    document.body.appendChild(overlay);
  }
  // The build this page comes from; the server reloads the page at once
  // if a newer one ended before this stream connected.
  var params = new URL(document.currentScript.src).searchParams;
  var version = params.get("v") || "";
  // "site=0": no build has succeeded yet; this page lists the problems.
  var hasSite = params.get("site") !== "0";
  var source = new EventSource("/_blueprints/events?v=" + encodeURIComponent(version));
  source.addEventListener("reload", function () { location.reload(); });
  // The page of problems served before any build succeeded already lists
  // the ones sent as the stream opens; a later failed build replaces them.
  var opened = false;
  source.addEventListener("problems", function (e) {
    if (!hasSite) {
      if (opened) { location.reload(); }
      opened = true;
      return;
    }
    show(JSON.parse(e.data));
  });
  source.addEventListener("ok", clear);
})();
