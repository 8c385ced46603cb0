// Pose figure: the figure Python drew, moved to each step's pose. Python places every joint and
// mark (widgets.figure.pose_frame); the browser only eases from one frame's points to the next.

import { parseSvg } from "./dom.js";

const DURATION = 450;

const easeInOut = (t) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);

function mix(from, to, t) {
  return to.map((value, i) => from[i] + (value - from[i]) * t);
}

function blend(from, to, t) {
  const bones = {};
  for (const [name, ends] of Object.entries(to.bones)) bones[name] = mix(from.bones[name], ends, t);
  return { bones, marks: to.marks.map((ends, i) => mix(from.marks[i], ends, t)) };
}

// frames[step][0] faces right; frames[step][1], for a one-sided move, faces left.
export function createFigure(svgMarkup, frames) {
  const svg = parseSvg(svgMarkup);
  const bones = [...svg.querySelectorAll("[data-bone]")];
  const marks = [...svg.querySelectorAll("[data-mark]")];
  let current = null;
  let animation = null;

  function place(el, names, values) {
    names.forEach((name, i) => {
      el.setAttribute(name, values[i].toFixed(4));
    });
  }

  function draw(frame) {
    for (const el of bones) {
      const ends = frame.bones[el.dataset.bone];
      place(el, el.dataset.bone === "head" ? ["cx", "cy"] : ["x1", "y1", "x2", "y2"], ends);
    }
    for (const el of marks) place(el, ["x1", "y1", "x2", "y2"], frame.marks[Number(el.dataset.mark)]);
  }

  function show(step, mirror) {
    const next = frames[step]?.[mirror ? 1 : 0];
    svg.hidden = !next;
    if (!next) return;
    svg.setAttribute("aria-label", next.label);
    svg.dataset.step = String(step);
    svg.dataset.mirror = String(mirror);
    if (animation) cancelAnimationFrame(animation);
    const still = !current || window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    if (still) {
      current = next;
      draw(next);
      svg.dataset.settled = "true";
      return;
    }
    const from = current;
    const began = performance.now();
    svg.dataset.settled = "false";
    const tick = (now) => {
      const t = Math.min(1, (now - began) / DURATION);
      current = t < 1 ? blend(from, next, easeInOut(t)) : next;
      draw(current);
      if (t < 1) animation = requestAnimationFrame(tick);
      else {
        animation = null;
        svg.dataset.settled = "true";
      }
    };
    animation = requestAnimationFrame(tick);
  }

  return { el: svg, show };
}
