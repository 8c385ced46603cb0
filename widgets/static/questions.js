// The views of quiz questions, by name. Python describes each kind of question (moves/
// questionkinds.py) and sends the kinds as data (`question_kinds`): a kind names the view that
// draws it. A view has build(q, context), which returns
// { node, response(), settle(result), lock?(), waiting? }.

import { choiceQuestion } from "./question-choice.js";
import { locateQuestion } from "./question-locate.js";
import { orderQuestion } from "./question-order.js";

const VIEWS = { choice: choiceQuestion, order: orderQuestion, locate: locateQuestion };

export const VIEW_NAMES = Object.keys(VIEWS);

// A question's kind, as Python describes it, and the view that draws it; a clear error when
// either is missing.
export function questionView(kinds, q) {
  const kind = kinds[q.kind];
  if (!kind) {
    throw new Error(`Question ${q.id} is of kind "${q.kind}", which the page was not told about (it knows: ${Object.keys(kinds).join(", ")}).`);
  }
  const view = VIEWS[kind.view];
  if (!view) {
    throw new Error(`The page has no view "${kind.view}" for questions of kind "${q.kind}": add widgets/static/question-${kind.view}.js and list it in questions.js.`);
  }
  return { kind, view };
}
