// A widget's model as anywidget's views use it: get, set, on/off, save_changes, send, and the
// "change:<name>", "change" and "msg:custom" events. It syncs with its kernel-side widget over
// the widget protocol 2.1 (ipywidgets' packages/schema/messages.md) through `transport`:
// { send(data, buffers) } returning the message's id.

import { equal, removeBuffers } from "./state.js";

export class Model {
  constructor(id, state, transport, manager) {
    this.model_id = id;
    this.widget_manager = manager;
    this._state = { ...state };
    this._transport = transport;
    this._listeners = new Map(); // event -> [{ callback, context }]
    this._dirty = new Set(); // set here, not yet sent
    this._echoes = new Map(); // name -> id of the update whose echo is awaited
  }

  // The names this page changed and sent whose echo has not come back: the kernel may never
  // have had them (a message sent into a socket that died is lost without a word).
  get unacknowledged() {
    return [...this._echoes.keys()];
  }

  // Every attribute, as Backbone models have them (read only).
  get attributes() {
    return this._state;
  }

  get(name) {
    return this._state[name];
  }

  // set(name, value) or set({ name: value, ... }): changes here, sent by save_changes (a value
  // equal to the one the model has is no change, as with ipywidgets' models).
  set(name, value) {
    const changes = typeof name === "string" ? { [name]: value } : name;
    for (const key of this._apply(changes)) this._dirty.add(key);
  }

  save_changes() {
    if (this._dirty.size === 0) return;
    const names = [...this._dirty];
    this._dirty.clear();
    this._send(names);
  }

  // From the kernel, after a lost connection: its whole state again (request_states). A change
  // of this page's that the kernel never answered is kept and sent again, rather than undone
  // by the kernel's older value or left waiting for an echo that will not come; everything
  // else takes the kernel's value. Sending a change the kernel did get is harmless: the
  // same value again is no change there.
  restored(state) {
    const resend = this.unacknowledged;
    const taken = { ...state };
    for (const key of resend) delete taken[key];
    this._apply(taken);
    if (resend.length > 0) this._send(resend);
  }

  // Sends these names' values as one update, and awaits its echo for each.
  _send(names) {
    const changed = {};
    for (const key of names) changed[key] = this._state[key];
    const { state, paths, buffers } = removeBuffers(changed);
    const id = this._transport.send({ method: "update", state, buffer_paths: paths }, buffers);
    for (const key of Object.keys(changed)) this._echoes.set(key, id);
  }

  // A custom message to the kernel-side widget (ipywidgets' Widget.on_msg). `callbacks` is
  // accepted for anywidget's signature; replies come as "msg:custom" events.
  send(content, _callbacks, buffers = []) {
    this._transport.send({ method: "custom", content }, buffers);
  }

  on(event, callback, context) {
    for (const name of event.split(/\s+/)) {
      if (!this._listeners.has(name)) this._listeners.set(name, []);
      this._listeners.get(name).push({ callback, context });
    }
  }

  off(event, callback) {
    const names = event ? event.split(/\s+/) : [...this._listeners.keys()];
    for (const name of names) {
      const kept = (this._listeners.get(name) || []).filter(
        (listener) => callback && listener.callback !== callback,
      );
      this._listeners.set(name, kept);
    }
  }

  trigger(event, ...args) {
    for (const { callback, context } of [...(this._listeners.get(event) || [])]) {
      callback.apply(context ?? this, args);
    }
  }

  // From the kernel: an "update" (a change made in Python), applied whole.
  update(state) {
    this._apply(state);
  }

  // From the kernel: the "echo_update" of a change some front end sent. This page's own change
  // is already applied: skipped, as is any name with a newer change of ours still on its way.
  echo(state, replyTo) {
    const taken = {};
    for (const [key, value] of Object.entries(state)) {
      const awaited = this._echoes.get(key);
      if (awaited === undefined) taken[key] = value;
      else if (awaited === replyTo) this._echoes.delete(key);
    }
    this._apply(taken);
  }

  // From the kernel: a custom message for the views.
  custom(content, buffers) {
    this.trigger("msg:custom", content, buffers);
  }

  // Applies the changes and fires their events; returns the names that changed.
  _apply(changes) {
    const changed = Object.keys(changes).filter((key) => !equal(this._state[key], changes[key]));
    for (const key of changed) this._state[key] = changes[key];
    for (const key of changed) this.trigger(`change:${key}`, this, this._state[key]);
    if (changed.length > 0) this.trigger("change", this);
    return changed;
  }
}
