// Registers the service worker that keeps read pages available offline,
// and runs the "save this language" button. Only loaded when site.yaml
// turns offline_reading on; does nothing on file://, where service
// workers do not run (the offline zip needs none).
(function () {
  "use strict";
  var me = document.currentScript, root = me.getAttribute("data-root");
  if (!("serviceWorker" in navigator) || location.protocol.indexOf("http") !== 0) return;
  navigator.serviceWorker.register(root + "sw.js").catch(function () { /* offline reading is an extra */ });
  var button = document.getElementById("save-offline");
  if (!button) return;
  button.parentNode.hidden = false;
  var status = document.getElementById("save-offline-status");
  button.addEventListener("click", function () {
    button.disabled = true;
    fetch(button.getAttribute("data-list")).then(function (r) { return r.json(); }).then(function (files) {
      var done = 0, cache;
      return caches.open("blueprints-pages").then(function (c) {
        cache = c;
        // One file at a time: gentle on slow and metered links.
        return files.reduce(function (p, f) {
          return p.then(function () {
            return cache.add(new URL(root + f, location.href).href).catch(function () {}).then(function () {
              done++;
              status.textContent = me.getAttribute("data-saving").replace("%d", done).replace("%d", files.length);
            });
          });
        }, Promise.resolve());
      });
    }).then(function () {
      status.textContent = me.getAttribute("data-saved");
    }).catch(function (e) {
      status.textContent = String(e);
      button.disabled = false;
    });
  });
})();
