// Readable offline: the page registers the course's service worker (server/pwa/sw.js, served
// at <base>motw-sw.js), which keeps each page the learner opens and the files it loads.

// A page the worker showed from its kept copy (the network was gone) says so in its head.
export function keptCopy() {
  return document.querySelector('meta[name="motw-kept"]') !== null;
}

// Takes the page's own HTML now, before the host changes anything, if the worker does not
// control the page yet (the first visit, or a reload that bypassed it); returns the function
// that registers the worker, for the host to call once its widgets are live (the worker's
// start-up then takes nothing from the page's). The page hands the worker that HTML and the
// URLs of the files it loaded, which did not pass through the worker.
export function keepForOffline(base) {
  const workers = navigator.serviceWorker;
  if (!workers || keptCopy()) return () => {};
  const uncontrolled = !workers.controller;
  let html = uncontrolled ? `<!DOCTYPE html>\n${document.documentElement.outerHTML}` : null;
  return () =>
    workers
      .register(`${base}motw-sw.js`, { scope: base })
      .then(() => workers.ready)
      .then((registration) => {
        if (!uncontrolled) return;
        const send = (files) => {
          const message = { type: "keep-page", url: location.href, html, files };
          registration.active?.postMessage(message);
          html = null; // sent once
        };
        send(performance.getEntriesByType("resource").map((entry) => entry.name));
        // Files loaded later reach the worker once it controls the page (it claims its pages
        // when it starts); until then, hand them over as they load.
        new PerformanceObserver((list) => {
          if (!workers.controller) send(list.getEntries().map((entry) => entry.name));
        }).observe({ type: "resource" });
      })
      .catch((error) => console.warn("This page cannot be kept for offline reading:", error));
}
