// "Find the muscle on the body map" questions: the unlabelled map, one area to pick.

import { h, parseSvg } from "./dom.js";
import { enableMap, markSelected } from "./mapcore.js";

// The map (80 KB) is parsed once per page; each question gets a copy.
let parsed = { markup: null, svg: null };

function mapCopy(markup) {
  if (parsed.markup !== markup) parsed = { markup, svg: parseSvg(markup) };
  return parsed.svg.cloneNode(true);
}

export const locateQuestion = {
  build(q, { drafts, mapSvg }) {
    if (!mapSvg) {
      // Python sends the map when this question is shown or next; drawn again then.
      return {
        node: h("p", { class: "motw-hint" }, "Loading the body map…"),
        response: () => [],
        settle() {},
        waiting: true,
      };
    }
    const svg = mapCopy(mapSvg);
    const ids = q.option_ids;
    const chosenLine = h("p", { class: "motw-map-chosen" });
    let settled = false;
    const paintPick = (id) => {
      markSelected(svg, id);
      chosenLine.textContent = id ? "Area chosen. Check your answer when ready." : "";
    };
    const label = enableMap(svg, {
      nameOf: () => "",
      onSelect: (id, region) => {
        if (settled) return;
        drafts[q.id] = id;
        paintPick(id);
        region.focus();
      },
    });
    paintPick(drafts[q.id]);
    return {
      node: h("div", { class: "motw-locate" }, svg, label, chosenLine),
      response: () => {
        const index = ids.indexOf(drafts[q.id]);
        return index >= 0 ? [index] : [];
      },
      settle(result) {
        settled = true;
        const picked = ids[result.response[0]];
        const right = ids[result.right_options[0]];
        markSelected(svg, picked);
        for (const region of svg.querySelectorAll("[data-muscle]")) {
          region.classList.toggle("answer", region.dataset.muscle === right);
          region.classList.toggle("wrong", !result.correct && region.dataset.muscle === picked);
        }
        chosenLine.textContent = result.correct
          ? "✓ You found it (shown in green)."
          : `✗ You chose the ${q.options[result.response[0]]} (red). The right one is shown in green.`;
      },
      lock() {  // the areas are not form controls: the fieldset does not disable them
        for (const region of svg.querySelectorAll("[data-muscle]")) region.removeAttribute("tabindex");
      },
    };
  },
};
