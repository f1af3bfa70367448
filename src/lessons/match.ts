// Tolerant matching of short answers: case, punctuation, plurals, small typos and a few synonyms
// (k8s → kubernetes, CRI-O → crio, "runtime service" → runtimeservice, "control groups" → cgroup)
// do not matter. A "..." in a keyword phrase allows a few words in between.

const SYNONYMS: [RegExp, string][] = [
  [/\bk8s\b/g, "kubernetes"],
  [/\bcri o\b/g, "crio"],
  [/\bruntime service\b/g, "runtimeservice"],
  [/\bimage service\b/g, "imageservice"],
  [/\bkube proxy\b/g, "kubeproxy"],
  [/\bcri dockerd\b/g, "cridockerd"],
  [/\bg visor\b/g, "gvisor"],
  [/\bgeneral purpose\b/g, "generalpurpose"],
  [/\bpurpose built\b/g, "purposebuilt"],
  [/\b(control|c) groups?\b/g, "cgroup"],
  [/\bname spaces?\b/g, "namespace"],
  [/\bimage ?pull ?back ?off\b/g, "imagepullbackoff"],
  [/\berr ?image ?pull\b/g, "errimagepull"],
  [/\bcrash ?loop ?back ?off\b/g, "crashloopbackoff"],
  [/\boom ?killed\b/g, "oomkilled"],
  [/\bnot ready\b/g, "notready"],
  [/\bcontainer d\b/g, "containerd"],
  [/\bv(\d)/g, "$1"],
];

/** Lower case, accents and punctuation away (dots inside numbers kept: 1.24), synonyms applied. */
export function normalizeAnswer(s: string): string {
  let t = s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/(\d)\.(\d)/g, "$1\u0000$2")
    .replace(/[^a-z0-9\u0000]+/g, " ")
    .replace(/\u0000/g, ".")
    .trim()
    .replace(/\s+/g, " ");
  for (const [re, to] of SYNONYMS) t = t.replace(re, to);
  return t
    .split(" ")
    .filter((w) => w.length > 0)
    .map(singular)
    .join(" ");
}

function singular(w: string): string {
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !/\d/.test(w)) return w.slice(0, -1);
  return w;
}

/** Levenshtein distance, capped early (words are short). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Words match when equal, or close for long words (1 typo from 5 letters, 2 from 9); numbers exactly. */
export function wordsMatch(got: string, want: string): boolean {
  if (got === want) return true;
  if (/\d/.test(want)) return false;
  const allowed = want.length >= 9 ? 2 : want.length >= 5 ? 1 : 0;
  return allowed > 0 && Math.abs(got.length - want.length) <= allowed && editDistance(got, want) <= allowed;
}

/** Most answer words a "..." in a keyword phrase may skip: enough for "CRI-O is built only for", not for another clause. */
export const MAX_GAP = 4;

/**
 * Does the phrase occur in the answer's words? Its words match in order and contiguous; "..." in
 * the phrase lets up to MAX_GAP words sit between its parts ("crio ... kubernetes" matches "CRI-O
 * is made for Kubernetes" but not "CRI-O is general purpose and containerd is built for Kubernetes").
 */
export function containsPhrase(words: string[], phrase: string): boolean {
  const parts = phrase
    .split(/\.\.\.|\u2026/)
    .map((p) =>
      normalizeAnswer(p)
        .split(" ")
        .filter((w) => w.length > 0),
    )
    .filter((p) => p.length > 0);
  return parts.length > 0 && partsFrom(words, parts, 0, 0, words.length);
}

/** Part k and the rest match, part k starting at an index in [from, until). */
function partsFrom(words: string[], parts: string[][], k: number, from: number, until: number): boolean {
  if (k === parts.length) return true;
  const p = parts[k];
  for (let i = from; i < until && i + p.length <= words.length; i++) {
    if (!p.every((w, j) => wordsMatch(words[i + j], w))) continue;
    const next = i + p.length;
    if (partsFrom(words, parts, k + 1, next, next + MAX_GAP + 1)) return true;
  }
  return false;
}

export interface ShortAnswerSpec {
  /** Whole answers accepted as they are (after normalization and small typos). */
  accepted: string[];
  /** Groups of alternatives; an answer containing one phrase of enough groups is right. */
  keywords?: string[][];
  /** How many keyword groups must match (default: all). */
  needed?: number;
}

export function matchShortAnswer(answer: string, spec: ShortAnswerSpec): boolean {
  const norm = normalizeAnswer(answer);
  if (norm.length === 0) return false;
  const words = norm.split(" ");
  for (const a of spec.accepted) {
    const want = normalizeAnswer(a).split(" ");
    if (want.length === words.length && want.every((w, i) => wordsMatch(words[i], w))) return true;
  }
  const groups = spec.keywords ?? [];
  if (groups.length === 0) return false;
  const hit = groups.filter((g) => g.some((phrase) => containsPhrase(words, phrase))).length;
  return hit >= (spec.needed ?? groups.length);
}
