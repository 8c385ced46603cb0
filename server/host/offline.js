// Readable offline: the page registers the course's service worker (server/pwa/sw.js, served
// at <base>motw-sw.js), which keeps each page the learner opens and the files it loads. The
// host runs this after the first paint, before it changes anything on the page.

// A page the worker showed from its kept copy (the network was gone) says so in its head.
export function keptCopy() {
  return document.querySelector('meta[name="motw-kept"]') !== null;
}

// Registers the worker. A page opened before the worker controlled it (the first visit, or a
// reload that bypassed it) hands the worker its own HTML, taken now, as the server sent it,
// and the URLs of the files it loads, which did not pass through the worker.
export function keepForOffline(base) {
  const workers = navigator.serviceWorker;
  if (!workers || keptCopy()) return;
  const uncontrolled = !workers.controller;
  const html = uncontrolled ? `<!DOCTYPE html>\n${document.documentElement.outerHTML}` : null;
  workers
    .register(`${base}motw-sw.js`, { scope: base })
    .then(() => workers.ready)
    .then((registration) => {
      if (!uncontrolled) return;
      let page = html; // sent once
      const send = (files) => {
        registration.active?.postMessage({ type: "keep-page", url: location.href, html: page, files });
        page = null;
      };
      send(performance.getEntriesByType("resource").map((entry) => entry.name));
      // Files loaded later (the widgets' modules) reach the worker once it controls the page
      // (it claims its pages when it starts); until then, hand them over as they load.
      new PerformanceObserver((list) => {
        if (!workers.controller) send(list.getEntries().map((entry) => entry.name));
      }).observe({ type: "resource" });
    })
    .catch((error) => console.warn("This page cannot be kept for offline reading:", error));
}
