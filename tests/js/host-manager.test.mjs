// The widget host's manager (server/host/manager.js) against a stand-in kernel connection:
// one round trip restores every model, a restore again updates them in place, and a model the
// kernel opens later is made and found.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Manager } from "../../server/host/manager.js";

function fakeKernel() {
  const comms = new Map();
  const targets = {};
  const sent = [];
  let next = 0;
  const comm = (target, id) => ({
    target,
    id,
    onMsg: null,
    onClose: null,
    open(data, metadata) {
      sent.push({ id, open: target, data, metadata });
    },
    send(data, metadata, buffers) {
      next += 1;
      sent.push({ id, data, metadata, buffers });
      return { msg: { header: { msg_id: `m${next}` } } };
    },
  });
  return {
    comms,
    sent,
    targets,
    createComm(target, id = `c${comms.size}`) {
      assert.ok(!comms.has(id), `comm ${id} made twice`);
      const made = comm(target, id);
      comms.set(id, made);
      return made;
    },
    hasComm: (id) => comms.has(id),
    registerCommTarget(name, callback) {
      targets[name] = callback;
    },
  };
}

const STATES = {
  a: { model_name: "AnyModel", model_module: "anywidget", state: { index: 0 } },
  l: { model_name: "LayoutModel", model_module: "@jupyter-widgets/base", state: { display: null } },
};

function reply(kernel, states) {
  const control = [...kernel.comms.values()].find((c) => c.target === "jupyter.widget.control");
  control.onMsg({ content: { data: { method: "update_states", states, buffer_paths: [] } }, buffers: [] });
}

// A manager whose first restore has been answered with STATES.
async function restoredManager() {
  const kernel = fakeKernel();
  const manager = new Manager(kernel, "http://x/");
  const first = manager.restore();
  reply(kernel, structuredClone(STATES));
  await first;
  return { kernel, manager };
}

test("one request_states on the control comm restores every model", async () => {
  const kernel = fakeKernel();
  const manager = new Manager(kernel, "http://x/");
  const restored = manager.restore();
  assert.deepEqual(kernel.sent[0].metadata, { version: "1.0.0" });
  assert.deepEqual(kernel.sent[1].data, { method: "request_states" });
  reply(kernel, structuredClone(STATES));
  await restored;
  assert.deepEqual([...manager.models.keys()], ["a", "l"]);
  assert.equal(manager.models.get("a").get("index"), 0);
  // The model's changes go out on its own comm, made (not opened) with the kernel's id.
  const model = manager.models.get("a");
  model.set("index", 2);
  model.save_changes();
  assert.equal(kernel.sent.at(-1).id, "a");
  assert.deepEqual(kernel.sent.at(-1).data, { method: "update", state: { index: 2 }, buffer_paths: [] });
});

test("after a reconnection the state taken again updates the models in place", async () => {
  const { kernel, manager } = await restoredManager();
  const model = manager.models.get("a");
  const seen = [];
  model.on("change:index", (_m, value) => seen.push(value));
  const again = manager.restore();
  assert.equal(kernel.sent.filter((s) => s.data?.method === "request_states").length, 2);
  reply(kernel, { ...structuredClone(STATES), a: { ...STATES.a, state: { index: 4 } } });
  await again;
  assert.equal(manager.models.get("a"), model);
  assert.deepEqual(seen, [4]);
});

test("a model the kernel opens later is made, and waited for", async () => {
  const kernel = fakeKernel();
  const manager = new Manager(kernel, "http://x/");
  const later = manager.getModel("b");
  const comm = kernel.createComm("jupyter.widget", "b");
  kernel.targets["jupyter.widget"](comm, {
    content: { comm_id: "b", data: { state: { _model_name: "AnyModel", value: 1 }, buffer_paths: [] } },
    buffers: [],
  });
  const model = await later;
  assert.equal(model.get("value"), 1);
  comm.onMsg({ content: { data: { method: "update", state: { value: 2 } } }, buffers: [] });
  assert.equal(model.get("value"), 2);
  let destroyed = false;
  model.on("destroy", () => {
    destroyed = true;
  });
  comm.onClose();
  assert.ok(destroyed && !manager.models.has("b"));
});

// The report (24, part 3): a change sent while the socket was dead never reached the
// kernel, so no echo came. Taken again after the reconnection, the kernel's older state must
// not undo it, and it must not wait for that echo for good: it goes out again, and a later
// change goes out as usual.
test("a change lost with the socket is sent again after the reconnection, and later ones too", async () => {
  const { kernel, manager } = await restoredManager();
  const model = manager.models.get("a");
  model.set("finished", { id: "s1" });
  model.save_changes(); // lost: no echo_update will come
  const again = manager.restore();
  reply(kernel, { ...structuredClone(STATES), a: { ...STATES.a, state: { index: 3, finished: {} } } });
  await again;
  assert.deepEqual(model.get("finished"), { id: "s1" });
  assert.equal(model.get("index"), 3); // what the page did not change takes the kernel's value
  const resent = kernel.sent.at(-1);
  assert.equal(resent.id, "a");
  assert.deepEqual(resent.data, { method: "update", state: { finished: { id: "s1" } }, buffer_paths: [] });
  const echo = (state, msgId) =>
    kernel.comms.get("a").onMsg({
      content: { data: { method: "echo_update", state, buffer_paths: [] } },
      parent_header: { msg_id: msgId },
      buffers: [],
    });
  echo({ finished: { id: "s1" } }, `m${kernel.sent.filter((s) => s.data && !s.open).length}`);
  assert.deepEqual(model.unacknowledged, []);
  model.set("finished", { id: "s2" }); // a second session, played online
  model.save_changes();
  assert.deepEqual(kernel.sent.at(-1).data.state, { finished: { id: "s2" } });
});
