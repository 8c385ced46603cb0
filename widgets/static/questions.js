// One builder per question kind, by the kind's name in Python (QuestionKind in moves/quiz.py).
// A builder has the check button's label, the hint for an empty answer, and build(q, context),
// which returns { node, response(), settle(result), lock?(), waiting? }.

import { choiceQuestion } from "./question-choice.js";
import { locateQuestion } from "./question-locate.js";
import { orderQuestion } from "./question-order.js";

export const QUESTION_KINDS = {
  single: choiceQuestion,
  multi: choiceQuestion,
  order: orderQuestion,
  locate: locateQuestion,
};
