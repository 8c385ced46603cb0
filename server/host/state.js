// Widget state as the widget protocol carries it (ipywidgets' packages/schema/messages.md,
// version 2): JSON, with binary buffers sent beside it, each named by its path in the state;
// a reference to another model is the string "IPY_MODEL_" + its id.

const REFERENCE = "IPY_MODEL_";

function isBinary(value) {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

function asDataView(buffer) {
  if (buffer instanceof DataView) return buffer;
  if (ArrayBuffer.isView(buffer)) {
    return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  return new DataView(buffer);
}

// Puts each buffer back at its path (in place) and returns the state.
export function putBuffers(state, paths = [], buffers = []) {
  paths.forEach((path, index) => {
    let holder = state;
    for (const key of path.slice(0, -1)) holder = holder[key];
    holder[path.at(-1)] = asDataView(buffers[index]);
  });
  return state;
}

// The state with its binary values taken out: { state, paths, buffers }. A list keeps a null in
// a buffer's place, an object loses the key, as the protocol says.
export function removeBuffers(state) {
  const paths = [];
  const buffers = [];
  const walk = (value, path) => {
    if (isBinary(value)) {
      paths.push(path);
      buffers.push(asDataView(value));
      return undefined;
    }
    if (Array.isArray(value)) {
      return value.map((item, i) => {
        const kept = walk(item, [...path, i]);
        return kept === undefined ? null : kept;
      });
    }
    if (value && typeof value === "object" && value.constructor === Object) {
      const kept = {};
      for (const [key, item] of Object.entries(value)) {
        const inner = walk(item, [...path, key]);
        if (inner !== undefined) kept[key] = inner;
      }
      return kept;
    }
    return value;
  };
  return { state: walk(state, []), paths, buffers };
}

// The model id a state value refers to ("IPY_MODEL_<id>"), or null.
export function referencedId(value) {
  return typeof value === "string" && value.startsWith(REFERENCE)
    ? value.slice(REFERENCE.length)
    : null;
}

// Deep equality of JSON values (and binary ones, byte by byte): a set to an equal value is no
// change, as for ipywidgets' Backbone models.
export function equal(a, b) {
  if (a === b) return true;
  if (isBinary(a) || isBinary(b)) {
    if (!isBinary(a) || !isBinary(b)) return false;
    const [x, y] = [asDataView(a), asDataView(b)];
    if (x.byteLength !== y.byteLength) return false;
    for (let i = 0; i < x.byteLength; i++) if (x.getUint8(i) !== y.getUint8(i)) return false;
    return true;
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && equal(a[key], b[key]));
}
