import { h } from "./dom.ts";

/** A highlighted range of a text, tagged with the passage it belongs to. */
export interface Mark {
  start: number;
  end: number;
  passage: number;
}

/** A range of reused text that does not count against the page, with what to say about it. */
export interface ExcludedMark {
  start: number;
  end: number;
  reason: "reference" | "quotation";
  /** The tooltip: the reason in words. */
  title: string;
}

/**
 * A stretch of text between two mark boundaries, with the passages covering it (none for plain text) and the
 * excluded ranges covering it (by their index in the list given).
 */
export interface Run {
  start: number;
  end: number;
  passages: number[];
  excluded: number[];
}

type Range = { start: number; end: number };

/** Ranges clamped to a text of `length` characters, empty ones dropped, so stale offsets never throw. */
function clampAll<T extends Range>(length: number, ranges: readonly T[]): (T & { index: number })[] {
  return ranges
    .map((r, index) => ({ ...r, index, start: Math.max(0, Math.min(length, r.start)), end: Math.max(0, Math.min(length, r.end)) }))
    .filter((r) => r.end > r.start);
}

/**
 * Cuts a text of `length` characters into runs at every mark and excluded-range boundary. Marks may overlap (a
 * candidate can repeat a sentence that two passages share); a run lists every passage covering it,
 * first-listed first, and every excluded range covering it.
 */
export function runsOf(length: number, marks: readonly Mark[], excluded: readonly Range[] = []): Run[] {
  const passages = clampAll(length, marks);
  const exclusions = clampAll(length, excluded);
  const cuts = [...new Set([0, length, ...[...passages, ...exclusions].flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  const covering = <T extends Range>(ranges: readonly T[], start: number, end: number) => ranges.filter((r) => r.start <= start && r.end >= end);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    runs.push({ start, end, passages: covering(passages, start, end).map((m) => m.passage), excluded: covering(exclusions, start, end).map((r) => r.index) });
  }
  return runs;
}

/**
 * Passage colours: eight hues that stay apart for readers with the common colour-vision deficiencies;
 * passage i takes colour i mod 8, the same on both sides, so twins match. Excluded text has a style of its own.
 */
export const PASSAGE_COLOURS = 8;

/**
 * A text with its passages highlighted, and the excluded parts of them marked apart. Each highlight carries its
 * passage number; clicking it scrolls the twin highlight (same passage, other side) into view and flashes it.
 * `passageTitle` words a passage's tooltip. The text goes in as Text nodes.
 */
export function highlightedText(
  text: string,
  marks: readonly Mark[],
  side: "source" | "candidate",
  options: { excluded?: readonly ExcludedMark[]; passageTitle: (passage: number) => string },
): HTMLElement {
  const excluded = options.excluded ?? [];
  const container = h("div", { class: "text", "data-side": side });
  for (const run of runsOf(text.length, marks, excluded)) {
    const piece = text.slice(run.start, run.end);
    const passage = run.passages[0];
    const exclusion = run.excluded[0] === undefined ? undefined : excluded[run.excluded[0]];
    if (passage === undefined && exclusion === undefined) {
      container.appendChild(document.createTextNode(piece));
      continue;
    }
    const colour = exclusion ? `excluded excluded-${exclusion.reason}` : `c${passage! % PASSAGE_COLOURS}`;
    container.appendChild(
      h(
        "mark",
        {
          class: `hl ${colour}`,
          "data-passage": passage,
          "data-excluded": exclusion?.reason,
          title: exclusion ? exclusion.title : options.passageTitle(passage! + 1),
          onclick: passage === undefined ? undefined : () => scrollToTwin(side, passage),
        },
        piece,
      ),
    );
  }
  return container;
}

function scrollToTwin(side: "source" | "candidate", passage: number): void {
  const other = side === "source" ? "candidate" : "source";
  const twin = document.querySelector(`.text[data-side="${other}"] mark[data-passage="${passage}"]`);
  if (!(twin instanceof HTMLElement)) return;
  twin.scrollIntoView({ block: "center", behavior: "smooth" });
  document.querySelectorAll("mark.flash").forEach((m) => m.classList.remove("flash"));
  twin.classList.add("flash");
  window.setTimeout(() => twin.classList.remove("flash"), 1600);
}
