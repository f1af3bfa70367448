import { describe, expect, it } from "vitest";
import { getQuizItem, QUIZ_ITEMS, type QuizItem } from "../../lessons/quiz";
import { rightAnswer, wrongAnswer } from "./answers.test-helper";
import { itemsForSections, sectionsWithItems, sectionTitle } from "./sections";
import {
  answerQuiz,
  choiceForKey,
  clockText,
  currentItem,
  endInterview,
  givenText,
  interviewItem,
  isBlank,
  nextQuestion,
  quizDone,
  quizScore,
  retryWrong,
  secondsLeft,
  startInterview,
  startQuiz,
  submitInterviewAnswer,
} from "./session";

const item = (id: string): QuizItem => {
  const q = getQuizItem(id);
  if (!q) throw new Error(`no quiz item ${id}`);
  return q;
};

const right = rightAnswer;
const wrong = wrongAnswer;

describe("sections", () => {
  it("titles the seed's sections and picks questions in section order", () => {
    expect(sectionTitle(5)).toBe("Container Runtime Interface (CRI)");
    expect(sectionTitle(15)).toBe("Quick One-Liners for Revision");
    const picked = itemsForSections([14, 2]);
    expect(picked.length).toBe(QUIZ_ITEMS.filter((q) => q.section === 2 || q.section === 14).length);
    expect(picked.map((q) => q.section)).toEqual([...picked.map((q) => q.section)].sort((a, b) => a - b));
    expect(picked[0].section).toBe(2);
    expect(itemsForSections([])).toEqual([]);
    const drill = itemsForSections(sectionsWithItems(), { drillOnly: true });
    expect(drill.length).toBeGreaterThan(0);
    expect(drill.every((q) => q.drill)).toBe(true);
  });
});

describe("quiz session", () => {
  const items = [item("q14-cri"), item("q14-dockershim"), item("q14-role")];

  it("checks each answer once, keeps the score and moves on only after an answer", () => {
    let s = startQuiz(items);
    expect(currentItem(s)?.id).toBe("q14-cri");
    expect(nextQuestion(s)).toBe(s); // not answered yet
    expect(answerQuiz(s, "   ")).toBe(s); // blank
    s = answerQuiz(s, "the container-runtime interface");
    expect(s.answers["q14-cri"]).toEqual({ given: "the container-runtime interface", correct: true });
    expect(answerQuiz(s, "something else")).toBe(s); // already answered
    s = nextQuestion(s);
    expect(answerQuiz(s, 9)).toBe(s); // out of range
    s = nextQuestion(answerQuiz(s, wrong(items[1])));
    s = nextQuestion(answerQuiz(s, "They start containers as the kubelet tells them"));
    expect(quizDone(s)).toBe(true);
    expect(currentItem(s)).toBeUndefined();
    expect(quizScore(s)).toEqual({ answered: 3, correct: 2, total: 3 });
    const again = retryWrong(s);
    expect(again?.itemIds).toEqual(["q14-dockershim"]);
    expect(again?.answers).toEqual({});
  });

  it("has nothing to retry when every answer was right", () => {
    let s = startQuiz(items);
    for (const q of items) s = nextQuestion(answerQuiz(s, right(q)));
    expect(quizScore(s).correct).toBe(3);
    expect(retryWrong(s)).toBeUndefined();
  });

  it("maps keys 1–9 and a–i to choices within range", () => {
    expect(choiceForKey("1", 4)).toBe(0);
    expect(choiceForKey("4", 4)).toBe(3);
    expect(choiceForKey("5", 4)).toBeUndefined();
    expect(choiceForKey("b", 4)).toBe(1);
    expect(choiceForKey("D", 4)).toBe(3);
    expect(choiceForKey("e", 4)).toBeUndefined();
    expect(choiceForKey("0", 4)).toBeUndefined();
    expect(choiceForKey("Enter", 4)).toBeUndefined();
    expect(choiceForKey("i", 9)).toBe(8);
  });

  it("treats blank text and out-of-range choices as no answer", () => {
    const choice = item("q14-dockershim");
    expect(isBlank(choice, undefined)).toBe(true);
    expect(isBlank(choice, -1)).toBe(true);
    expect(isBlank(choice, 1.5)).toBe(true);
    expect(isBlank(choice, 1)).toBe(false);
    expect(isBlank(item("q14-cri"), " \t")).toBe(true);
    expect(isBlank(item("q14-cri"), 0)).toBe(true);
  });
});

describe("mock interview session", () => {
  const opts = { seed: 42, count: 3, secondsPerQuestion: 30 };

  it("times each answer, flags over-time answers in the review and scores them", () => {
    let s = startInterview(opts, 1_000);
    const [a, b, c] = s.interview.items;
    expect(interviewItem(s)).toBe(a);
    expect(secondsLeft(s, 11_000)).toBe(20);
    s = submitInterviewAnswer(s, right(a), 11_000); // 10 s
    expect(s.questionStartedAt).toBe(11_000);
    expect(secondsLeft(s, 56_000)).toBe(-15);
    s = submitInterviewAnswer(s, right(b), 56_000); // 45 s: over time
    expect(s.review).toBeUndefined();
    s = submitInterviewAnswer(s, undefined, 60_000); // skipped
    const r = s.review;
    if (!r) throw new Error("no review");
    expect(interviewItem(s)).toBeUndefined();
    expect(s.elapsed).toEqual({ [a.id]: 10, [b.id]: 45, [c.id]: 4 });
    expect(r.entries.map((e) => [e.correct, e.overTime])).toEqual([
      [true, false],
      [true, true],
      [false, false],
    ]);
    expect(r.score).toBe(2);
    expect(r.percent).toBe(67);
    // Nothing happens after the review.
    expect(submitInterviewAnswer(s, right(a), 70_000)).toBe(s);
  });

  it("the same seed gives the same questions; a blank answer counts as none", () => {
    const x = startInterview(opts, 0);
    const y = startInterview(opts, 5);
    expect(x.interview.items.map((q) => q.id)).toEqual(y.interview.items.map((q) => q.id));
    const s = submitInterviewAnswer(x, "  ", 1_000);
    expect(s.answers[x.interview.items[0].id]).toBeUndefined();
  });

  it("ending early scores the rest as unanswered", () => {
    let s = startInterview(opts, 0);
    const first = s.interview.items[0];
    s = submitInterviewAnswer(s, right(first), 5_000);
    s = endInterview(s, 100_000);
    expect(s.review?.total).toBe(3);
    expect(s.review?.score).toBe(1);
    expect(s.review?.entries[1].overTime).toBe(true);
    expect(s.review?.entries[2].given).toBeUndefined();
  });
});

describe("formatting", () => {
  it("counts down in m:ss, rounding up so 0:00 means time is up", () => {
    expect(clockText(60)).toBe("1:00");
    expect(clockText(59.2)).toBe("1:00");
    expect(clockText(9.01)).toBe("0:10");
    expect(clockText(0.4)).toBe("0:01");
    expect(clockText(0)).toBe("0:00");
    expect(clockText(-3)).toBe("0:00");
    expect(clockText(125)).toBe("2:05");
  });

  it("shows a choice's text, typed text, or that nothing was given", () => {
    const q = item("q14-dockershim");
    expect(givenText(q, 2)).toBe("containerd is faster than Docker");
    expect(givenText(q, undefined)).toBe("(no answer)");
    expect(givenText(item("q14-cri"), "CRI")).toBe("CRI");
    expect(givenText(item("q14-cri"), " ")).toBe("(no answer)");
  });
});
