// Sessions finished in this browser that Python has not confirmed yet. The player keeps each one
// here first (localStorage, a list under its own key) and sends the list whenever it can;
// Python records each once (by its id). A session is forgotten only once the saved progress
// holds it, or set aside (never dropped) when Python refuses it or it cannot be read.

const SET_ASIDE = "set-aside";
// What the progress store (progress.js) fires on the window each time it saves the progress.
export const SAVED_EVENT = "motw-progress-saved";

// The list stored as `text`: { sessions, unreadable } where `unreadable` is what could not be
// read as a session with an id (the whole text when it is not a JSON list), to set aside.
export function readUnsaved(text) {
  if (text === null || text === undefined || text === "") return { sessions: [], unreadable: [] };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { sessions: [], unreadable: [text] };
  }
  if (!Array.isArray(data)) return { sessions: [], unreadable: [text] };
  const sessions = [];
  const unreadable = [];
  for (const entry of data) {
    const ok = entry && typeof entry === "object" && typeof entry.id === "string" && entry.id;
    (ok ? sessions : unreadable).push(entry);
  }
  return { sessions, unreadable };
}

// The ids of the sessions in the saved progress document (`text`), or an empty set.
export function savedIds(text) {
  try {
    const sessions = JSON.parse(text)?.sessions;
    return new Set(Array.isArray(sessions) ? sessions.map((s) => s?.id).filter(Boolean) : []);
  } catch {
    return new Set();
  }
}

// A session id: random, so that two tabs or two pages never give the same one.
export function sessionId(random = globalThis.crypto) {
  if (typeof random?.randomUUID === "function") return random.randomUUID();
  const bytes = random.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// The unsaved sessions kept in `storage` (localStorage, or null where the browser allows none:
// then they last as long as the page) under `key`; `progressKey` is the saved progress's key.
// `now` names what is set aside.
export function createUnsaved(storage, key, progressKey, now = () => new Date()) {
  let memory = [];
  let problem = "";

  function setAside(values) {
    if (!storage || values.length === 0) return;
    storage.setItem(`${key}:${SET_ASIDE}:${now().toISOString()}`, JSON.stringify(values));
  }

  function write(sessions) {
    memory = sessions;
    if (!storage) return;
    try {
      if (sessions.length === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(sessions));
    } catch {
      problem = "This browser is out of room: a finished session is kept only until you close the page.";
    }
  }

  // The list as stored; what cannot be read is set aside (with a note) and the rest kept.
  function read() {
    if (!storage) return memory;
    const { sessions, unreadable } = readUnsaved(storage.getItem(key));
    if (unreadable.length > 0) {
      setAside(unreadable);
      problem = "A finished session kept in this browser could not be read, so it was set aside; your other sessions are kept.";
      write(sessions);
    }
    return sessions;
  }

  // Those the saved progress already holds are done with.
  function saved() {
    return storage ? savedIds(storage.getItem(progressKey)) : new Set();
  }

  return {
    // The sessions to send to Python (those the saved progress holds are forgotten first).
    list() {
      const held = saved();
      const sessions = read();
      const left = sessions.filter((s) => !held.has(s.id));
      if (left.length !== sessions.length) write(left);
      return left;
    },
    add(session) {
      write([...read().filter((s) => s.id !== session.id), session]);
    },
    // Python's answer: `recorded` ids are forgotten once the saved progress holds them (or at
    // once with no storage); `refused` ones are set aside. Returns the sessions still kept.
    settle(recorded, refused) {
      const held = saved();
      const done = new Set(recorded.filter((id) => !storage || held.has(id)));
      const bad = new Set(refused);
      const sessions = read();
      setAside(sessions.filter((s) => bad.has(s.id)));
      const left = sessions.filter((s) => !done.has(s.id) && !bad.has(s.id) && !held.has(s.id));
      if (left.length !== sessions.length) write(left);
      return left;
    },
    // A note on what went wrong with the browser's copy since the last call, or "".
    problem() {
      const said = problem;
      problem = "";
      return said;
    },
  };
}
