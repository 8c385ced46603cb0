// The course page's widget host, in place of Voilà's front end (a JupyterLab application). The
// motw template loads it after the first paint. It connects to the page's kernel with
// @jupyterlab/services, restores every widget's state in one round trip, draws each widget's
// view where the page shows its stored picture, reconnects when the connection drops, and
// shuts the kernel down when the learner leaves.
//
// It also registers the course's service worker (offline.js). A page the worker shows from its
// kept copy, with no network, is read as it is: its kernel is long gone, so the host only says
// in one line what needs a connection.
//
// The page tells it where it is:
// <html data-motw-host="connecting|ready|reconnecting|offline|gone|kept">.

import {
  CommsOverSubshells,
  KernelAPI,
  KernelConnection,
  ServerConnection,
} from "@jupyterlab/services";
import { Manager } from "./manager.js";
import { keepForOffline, keptCopy } from "./offline.js";
import { statusLine } from "./status.js";
import { drawView, problemNote, Unsupported } from "./views.js";

const OUTPUT = 'script[type="application/vnd.voila.cell-output+json"]';
const VIEW = "application/vnd.jupyter.widget-view+json";
const CHECK_AFTER_MS = 3000; // a connection still down this long: is the kernel still there?
const CHECK_AGAIN_MS = 10000;
const root = document.documentElement;

function cookie(name) {
  const found = document.cookie.split("; ").find((part) => part.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
}

// Each widget view the page shows (Voilà renders a cell's outputs as JSON in a script).
function widgetOutputs() {
  return Array.from(document.querySelectorAll(OUTPUT), (script) => {
    const output = JSON.parse(script.textContent);
    return { script, id: output.data?.[VIEW]?.model_id };
  }).filter((output) => output.id);
}

// A view of the output's model, beside its stored picture (the template's grid cell).
async function place({ script, id }, manager) {
  const area = document.createElement("div");
  area.className = "jp-OutputArea-output";
  script.after(area);
  const model = manager.models.get(id);
  if (!model) {
    area.append(problemNote(new Error(`no widget ${id} in the kernel`)));
    return;
  }
  try {
    await drawView(model, manager, (el) => area.append(el));
  } catch (error) {
    (error instanceof Unsupported ? console.warn : console.error)(error);
    area.replaceChildren(problemNote(error));
  }
}

// Keeps the page with its kernel: takes the state again after a reconnection; asks the server
// whether the kernel still exists when the connection stays down, and when the learner comes
// back to the page (a kernel left idle is shut down by the server, which does not close its
// websocket), and says so if it is gone.
function keepConnected(kernel, manager, settings) {
  const line = statusLine();
  let connectedOnce = false;
  let gone = false;
  let timer;

  const setState = (state) => {
    root.dataset.motwHost = state;
    line.set(state === "ready" ? "connected" : state);
  };
  // The connection is down: offline says so in one line, else it is coming back.
  const lost = () => setState(navigator.onLine ? "reconnecting" : "offline");
  const end = () => {
    gone = true;
    clearTimeout(timer);
    setState("gone");
    kernel.dispose();
  };
  // Whether the kernel is still there (false: gone; null: the server did not answer).
  const exists = async () => {
    try {
      return Boolean(await KernelAPI.getKernelModel(kernel.id, settings));
    } catch {
      return null;
    }
  };
  const check = async () => {
    clearTimeout(timer);
    if (gone || kernel.isDisposed || kernel.connectionStatus === "connected") return;
    const found = await exists();
    if (found === false) return end();
    if (found === null && connectedOnce) setState("offline"); // the course cannot be reached
    if (found && kernel.connectionStatus === "disconnected") kernel.reconnect().catch(() => {});
    timer = setTimeout(check, CHECK_AGAIN_MS);
  };
  const comeBack = async () => {
    if (gone || kernel.isDisposed || document.visibilityState !== "visible") return;
    if (kernel.connectionStatus !== "connected") return check();
    const found = await exists();
    if (found === false) end();
    else if (found && root.dataset.motwHost === "offline") setState("ready");
  };

  kernel.connectionStatusChanged.connect((_, status) => {
    if (gone || kernel.isDisposed) return;
    if (status === "connected") {
      clearTimeout(timer);
      if (connectedOnce) {
        manager.restore().then(() => setState("ready"), console.error);
      }
      connectedOnce = true;
    } else {
      if (connectedOnce) lost();
      if (status === "disconnected") check();
      else timer = setTimeout(check, CHECK_AFTER_MS);
    }
  });
  kernel.statusChanged.connect((_, status) => {
    if (status === "dead" && !gone && !kernel.isDisposed) end();
  });
  addEventListener("online", comeBack);
  addEventListener("offline", () => {
    if (!gone && !kernel.isDisposed && connectedOnce) setState("offline");
  });
  document.addEventListener("visibilitychange", comeBack);
  timer = setTimeout(check, CHECK_AFTER_MS); // the first connection
  return { ready: () => gone || setState("ready"), isGone: () => gone };
}

// Leaving the page shuts its kernel down (Voilà's /voila/api/shutdown, with the _xsrf token the
// template sets). On `pagehide`: `beforeunload` would keep the page out of the back-forward
// cache. A page shown again from that cache has no kernel any more, so it loads afresh.
function shutDownOnLeaving(kernel, base, connection) {
  let sent = false;
  addEventListener("pagehide", () => {
    if (sent || connection.isGone()) return;
    sent = true;
    const form = new FormData();
    form.append("_xsrf", cookie("_xsrf"));
    navigator.sendBeacon(`${base}voila/api/shutdown/${encodeURIComponent(kernel.id)}`, form);
    kernel.dispose();
  });
  addEventListener("pageshow", (event) => event.persisted && location.reload());
}

// A kept copy shown offline: readable as it is, with one line about what needs a connection;
// when the network is back, a reload button (the page never reloads by itself).
function readKeptCopy() {
  root.dataset.motwHost = "kept";
  const line = statusLine();
  line.set("offline");
  addEventListener("online", () => line.set("back"));
  addEventListener("offline", () => line.set("offline"));
}

// Registers the service worker (offline.js), once the widgets are live or the host gave up.
let keep = () => {};

async function start() {
  const config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
  const base = new URL(config.baseUrl || "/", location.href).href;
  keep = keepForOffline(new URL(base).pathname);
  if (keptCopy()) return readKeptCopy();
  const outputs = widgetOutputs();
  if (!config.kernelId) return;
  root.dataset.motwHost = "connecting";
  const settings = ServerConnection.makeSettings({
    baseUrl: base,
    wsUrl: base.replace(/^http/, "ws"),
    appendToken: false,
  });
  const kernel = new KernelConnection({
    model: { id: config.kernelId, name: "" },
    serverSettings: settings,
    handleComms: true,
    commsOverSubshells: CommsOverSubshells.Disabled,
  });
  const manager = new Manager(kernel, base);
  const connection = keepConnected(kernel, manager, settings);
  shutDownOnLeaving(kernel, base, connection);
  await manager.restore();
  await Promise.all(outputs.map((output) => place(output, manager)));
  connection.ready();
}

start()
  .catch(console.error)
  .finally(() => (window.requestIdleCallback || setTimeout)(() => keep()));
