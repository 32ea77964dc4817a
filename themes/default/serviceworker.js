// Service worker of the online site (site.yaml: offline_reading). Pages
// come from the network when it answers, and from the cache when it does
// not; the theme's files and search shards come from the cache at once and
// are refreshed behind the scenes. Everything a reader opened, and every
// file of a language they saved, stays readable offline.
const CACHE = "blueprints-pages";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (e) => {
  const req = e.request;
  const url = new URL(req.url);
  // Left to the browser: other sites, anything but GET, the development
  // server's own files and its live-reload stream (/_blueprints/, at the
  // server's root), and event streams anywhere. A stream never ends:
  // copying one into the cache held its connection open after the page
  // closed, until the browser's six connections per host were used up and
  // no page loaded any more.
  if (req.method !== "GET" || url.origin !== self.location.origin ||
      url.pathname.startsWith("/_blueprints/") || req.headers.get("Accept") === "text/event-stream") {
    return;
  }
  e.respondWith(req.mode === "navigate" ? networkFirst(req) : staleWhileRevalidate(e, req));
});

// storable tells a response the cache may keep: a complete, successful
// one that its server allows to be stored (the development server sends
// no-store, so its pages always come fresh), and never a stream.
function storable(res) {
  const type = res.headers.get("Content-Type") || "";
  const control = res.headers.get("Cache-Control") || "";
  return res.ok && !type.startsWith("text/event-stream") && !/no-store/i.test(control);
}

async function networkFirst(req) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (storable(res)) cache.put(req, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(req, { ignoreSearch: true });
    if (hit) return hit;
    throw err;
  }
}

async function staleWhileRevalidate(e, req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req);
  const refresh = fetch(req).then((res) => {
    if (storable(res)) cache.put(req, res.clone());
    return res;
  });
  if (hit) {
    e.waitUntil(refresh.catch(() => {}));
    return hit;
  }
  return refresh;
}
