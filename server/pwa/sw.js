// The course's service worker (served by the course app at <base>motw-sw.js, scope <base>,
// after one line of settings: self.MOTW_WORKER = {version, offlinePage, keep}).
//
// - Versioned files (the server sends them with `immutable`: the template's ?v= files, the
//   widgets' built files, the icons) are kept and served from the cache first: a new version is
//   a new URL.
// - Course pages (voila/render/*.ipynb) come from the network first; each good answer replaces
//   the kept copy, so a new week or a changed move shows on the next online visit. With no
//   network the kept copy is shown, marked as such (<meta name="motw-kept">) so that the page's
//   widget host does not reach for the kernel it had; a page never kept gets the offline page.
// - Kernel API calls and websockets never pass through a cache; neither do error answers.
// - A new version drops the old version's caches.

const { version, offlinePage, keep } = self.MOTW_WORKER;
const FILES = `motw-files-${version}`;
const PAGES = `motw-pages-${version}`;
const scope = new URL(self.registration.scope);
const offlineUrl = new URL(offlinePage, scope).href;

function inScope(url) {
  return url.origin === scope.origin && url.pathname.startsWith(scope.pathname);
}

function isCoursePage(url) {
  return /^voila\/render\/[^/]+\.ipynb$/.test(url.pathname.slice(scope.pathname.length));
}

// What the server says may be kept for good (server.caching: versioned files only).
function isVersioned(response) {
  return response.ok && /\bimmutable\b/.test(response.headers.get("Cache-Control") || "");
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(FILES)
      .then((cache) => cache.addAll(keep.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("motw-") && name !== FILES && name !== PAGES)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// The kept file, else the network's answer, kept (while the page already reads it) when the
// server says it may be kept for good.
async function fromCacheFirst(request, waitUntil) {
  const cache = await caches.open(FILES);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (isVersioned(response)) waitUntil(cache.put(request, response.clone()));
  return response;
}

// A page worth keeping: a whole, good HTML answer of the course itself.
function isGoodPage(response) {
  return (
    response.ok &&
    !response.redirected &&
    response.type === "basic" &&
    (response.headers.get("Content-Type") || "").startsWith("text/html")
  );
}

async function keepPage(url, response) {
  const cache = await caches.open(PAGES);
  await cache.put(url, response);
}

// The kept copy, marked for the page's widget host, with the time it was kept.
async function keptCopy(request) {
  const cache = await caches.open(PAGES);
  const kept =
    (await cache.match(request, { ignoreVary: true })) ||
    (await cache.match(request, { ignoreSearch: true, ignoreVary: true }));
  if (!kept) return null;
  const html = await kept.text();
  const when = kept.headers.get("Date") || "";
  const mark = `<meta name="motw-kept" content="${when.replace(/[^\w :,+-]/g, "")}">`;
  return new Response(html.replace(/<head[^>]*>/i, (head) => `${head}${mark}`), {
    headers: { "Content-Type": "text/html; charset=utf-8" },
  });
}

async function fromNetworkFirst(event) {
  const { request } = event;
  try {
    const response = await fetch(request);
    if (isCoursePage(new URL(request.url)) && isGoodPage(response)) {
      event.waitUntil(keepPage(request.url, response.clone()));
    }
    return response;
  } catch (error) {
    const kept = await keptCopy(request);
    if (kept) return kept;
    const offline = await caches.match(offlineUrl, { cacheName: FILES });
    if (offline) return offline;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || !inScope(url)) return;
  const path = url.pathname.slice(scope.pathname.length);
  // The kernel's API and websockets, and Voilà's: always the network, never a cache.
  if (/^(?:api|voila\/api)\//.test(path)) return;
  if (request.mode === "navigate") {
    event.respondWith(fromNetworkFirst(event));
  } else {
    event.respondWith(fromCacheFirst(request, (work) => event.waitUntil(work)));
  }
});

// A page opened before this worker controlled it hands over what it loaded: its own HTML as
// the server sent it (taken before the widget host changed anything) and the URLs of its files.
self.addEventListener("message", (event) => {
  const { type, url, html, files } = event.data || {};
  if (type !== "keep-page") return;
  const work = [];
  const pageUrl = typeof url === "string" ? new URL(url) : null;
  if (pageUrl && inScope(pageUrl) && isCoursePage(pageUrl) && typeof html === "string") {
    const headers = { "Content-Type": "text/html; charset=utf-8", Date: new Date().toUTCString() };
    work.push(keepPage(pageUrl.href, new Response(html, { headers })));
  }
  for (const file of Array.isArray(files) ? files : []) {
    const fileUrl = new URL(file, scope);
    if (inScope(fileUrl)) {
      const keeping = (put) => event.waitUntil(put); // while this event is still pending
      work.push(fromCacheFirst(new Request(fileUrl), keeping).catch(() => {}));
    }
  }
  event.waitUntil(Promise.all(work));
});
