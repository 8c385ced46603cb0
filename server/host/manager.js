// The page's widget models, in step with the kernel's widgets over the widget protocol 2.1
// (ipywidgets' packages/schema/messages.md): every model restored in one round trip on the
// `jupyter.widget.control` comm (request_states -> update_states), taken again after a lost
// connection, and models the kernel opens later made on the `jupyter.widget` comm target.

import { Model } from "./model.js";
import { putBuffers } from "./state.js";

const CONTROL_VERSION = "1.0.0";

export class Manager {
  // `kernel`: a @jupyterlab/services KernelConnection with its comms handled; `base`: the
  // page's base URL, for widget files the course app serves.
  constructor(kernel, base) {
    this.kernel = kernel;
    this.base = base;
    this.models = new Map(); // id -> Model
    this._waiting = new Map(); // id -> resolve, for models referenced before they exist
    this._control = null;
    kernel.registerCommTarget("jupyter.widget", (comm, msg) => {
      const { state, buffer_paths } = msg.content.data;
      this._add(msg.content.comm_id, putBuffers(state, buffer_paths, msg.buffers), comm);
    });
  }

  // The model with this id, once the page has it.
  getModel(id) {
    if (this.models.has(id)) return Promise.resolve(this.models.get(id));
    return new Promise((resolve) => this._waiting.set(id, resolve));
  }

  // Every widget's state from the kernel, in one round trip: new models are made, known ones
  // take what changed and send again what the kernel never answered (Model.restored).
  // Resolves once they all have it.
  restore() {
    if (!this._control) {
      this._control = this.kernel.createComm("jupyter.widget.control");
      this._control.open({}, { version: CONTROL_VERSION });
    }
    return new Promise((resolve, reject) => {
      this._control.onMsg = (msg) => {
        const { method, states, buffer_paths } = msg.content.data;
        if (method !== "update_states") return;
        putBuffers(states, buffer_paths, msg.buffers);
        for (const [id, { state }] of Object.entries(states)) {
          if (this.models.has(id)) this.models.get(id).restored(state);
          else this._add(id, state);
        }
        resolve();
      };
      try {
        this._control.send({ method: "request_states" }, { version: CONTROL_VERSION });
      } catch (error) {
        reject(error);
      }
    });
  }

  // A model for the kernel's widget `id`, on its comm (`comm` when the kernel just opened it).
  _add(id, state, comm = null) {
    const channel =
      comm ??
      (this.kernel.hasComm(id) ? null : this.kernel.createComm("jupyter.widget", id));
    if (!channel) return; // the kernel's own comm_open made it already
    const model = new Model(id, state, transport(channel), this);
    channel.onMsg = (msg) => {
      const { method, state: changes, buffer_paths, content } = msg.content.data;
      if (method === "update") model.update(putBuffers(changes, buffer_paths, msg.buffers));
      else if (method === "echo_update") {
        model.echo(putBuffers(changes, buffer_paths, msg.buffers), msg.parent_header?.msg_id);
      } else if (method === "custom") model.custom(content, msg.buffers);
    };
    channel.onClose = () => {
      this.models.delete(id);
      model.trigger("destroy");
    };
    this.models.set(id, model);
    this._waiting.get(id)?.(model);
    this._waiting.delete(id);
  }
}

// How a model sends: a comm message, whose id comes back (echo_update answers to it).
function transport(comm) {
  return {
    send(data, buffers) {
      return comm.send(data, {}, buffers).msg.header.msg_id;
    },
  };
}
