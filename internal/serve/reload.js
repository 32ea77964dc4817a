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
    // Every colour and wrapping rule is set here, so that no rule of the
    // site's style sheet (its pre has a light background) and neither
    // colour scheme can make the text unreadable; long lines wrap, so the
    // end of a message ("did you mean …?") is never cut off.
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#2b0000;color:#fff;padding:1rem;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere;color-scheme:dark";
    var h = document.createElement("h2");
    h.style.cssText = "margin:0 0 1rem;font:bold 1.1rem/1.4 system-ui,sans-serif;color:inherit";
    h.textContent = hasSite ?
      "The build failed. The last good version of the site is still served." :
      "The build failed. No version of the site has been built yet.";
    overlay.appendChild(h);
    var pre = document.createElement("pre");
    pre.style.cssText = "margin:0;padding:0;background:none;color:inherit;font:inherit;white-space:pre-wrap;overflow-wrap:anywhere;overflow:visible";
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
