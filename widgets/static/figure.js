// Pose figure: moves the bones of the figure that Python drew, by forward kinematics from
// each step's bone angles, easing from one pose to the next in the browser.

function parseSvg(markup) {
  const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
  return document.importNode(doc.documentElement, true);
}

function direction(angle) {
  const rad = (angle * Math.PI) / 180;
  return [Math.sin(rad), -Math.cos(rad)];
}

function jointPoints(bones, angles, root) {
  const points = { hip: root };
  for (const [name, start, end, length] of bones) {
    const [dx, dy] = direction(angles[name]);
    const [x, y] = points[start];
    points[end] = [x + length * dx, y + length * dy];
  }
  return points;
}

function mirrorFrame(frame) {
  const angles = {};
  for (const [name, value] of Object.entries(frame.angles)) angles[name] = -value;
  return { angles, root: [-frame.root[0], frame.root[1]] };
}

function blend(a, b, t) {
  const angles = {};
  for (const name of Object.keys(b.angles)) {
    const delta = ((b.angles[name] - a.angles[name] + 540) % 360) - 180;
    angles[name] = a.angles[name] + delta * t;
  }
  return {
    angles,
    root: [a.root[0] + (b.root[0] - a.root[0]) * t, a.root[1] + (b.root[1] - a.root[1]) * t],
    mirror: t < 0.5 ? a.mirror : b.mirror,
  };
}

function createFigure(svgMarkup, data) {
  const svg = parseSvg(svgMarkup);
  const boneEnds = Object.fromEntries(data.bones.map(([name, start, end]) => [name, [start, end]]));
  const fixed = (value) => value.toFixed(4);
  let current = null;
  let animation = null;

  function draw(frame) {
    const points = jointPoints(data.bones, frame.angles, frame.root);
    for (const el of svg.querySelectorAll("[data-bone]")) {
      const name = el.dataset.bone;
      if (name === "head") {
        el.setAttribute("cx", fixed(points.head[0]));
        el.setAttribute("cy", fixed(-points.head[1]));
        continue;
      }
      const [start, end] = boneEnds[name];
      el.setAttribute("x1", fixed(points[start][0]));
      el.setAttribute("y1", fixed(-points[start][1]));
      el.setAttribute("x2", fixed(points[end][0]));
      el.setAttribute("y2", fixed(-points[end][1]));
    }
    for (const el of svg.querySelectorAll("[data-mark]")) {
      const mark = data.marks[Number(el.dataset.mark)];
      const [start, end] = boneEnds[mark.bone];
      const [x1, y1] = points[start];
      const [x2, y2] = points[end];
      const dx = x2 - x1;
      const dy = y2 - y1;
      const length = Math.hypot(dx, dy) || 1;
      const flip = frame.mirror ? -1 : 1;
      const nx = (-dy / length) * flip * mark.offset;
      const ny = (dx / length) * flip * mark.offset;
      el.setAttribute("x1", fixed(x1 + dx * mark.start + nx));
      el.setAttribute("y1", fixed(-(y1 + dy * mark.start + ny)));
      el.setAttribute("x2", fixed(x1 + dx * mark.end + nx));
      el.setAttribute("y2", fixed(-(y1 + dy * mark.end + ny)));
    }
  }

  function target(step, mirror) {
    const frame = data.frames[step];
    if (!frame) return null;
    return { ...(mirror ? mirrorFrame(frame) : frame), mirror };
  }

  function show(step, mirror, label) {
    const next = target(step, mirror);
    svg.hidden = !next;
    if (!next) return;
    if (label) svg.setAttribute("aria-label", label);
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
    const duration = 450;
    svg.dataset.settled = "false";
    const tick = (now) => {
      const t = Math.min(1, (now - began) / duration);
      const eased = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
      current = t < 1 ? blend(from, next, eased) : next;
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
