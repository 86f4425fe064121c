import { h } from "./dom.ts";

/** A highlighted range of a text, tagged with the passage it belongs to. */
export interface Mark {
  start: number;
  end: number;
  passage: number;
}

/** A stretch of text between two mark boundaries, with the passages covering it (none for plain text). */
export interface Run {
  start: number;
  end: number;
  passages: number[];
}

/**
 * Cuts a text of `length` characters into runs at every mark boundary. Marks may overlap (a candidate can
 * repeat a sentence that two passages share); a run lists every passage covering it, first-listed first.
 * Marks are clamped to the text, so stale offsets never throw.
 */
export function runsOf(length: number, marks: readonly Mark[]): Run[] {
  const clamped = marks
    .map((m) => ({ ...m, start: Math.max(0, Math.min(length, m.start)), end: Math.max(0, Math.min(length, m.end)) }))
    .filter((m) => m.end > m.start);
  const cuts = [...new Set([0, length, ...clamped.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    runs.push({ start, end, passages: clamped.filter((m) => m.start <= start && m.end >= end).map((m) => m.passage) });
  }
  return runs;
}

/**
 * Passage colours: eight hues that stay apart for readers with the common colour-vision deficiencies;
 * passage i takes colour i mod 8, the same on both sides, so twins match.
 */
export const PASSAGE_COLOURS = 8;

/**
 * A text with its passages highlighted. Each highlight carries its passage number; clicking it scrolls the
 * twin highlight (same passage, other side) into view and flashes it. The text goes in as Text nodes.
 */
export function highlightedText(text: string, marks: readonly Mark[], side: "source" | "candidate"): HTMLElement {
  const container = h("div", { class: "text", "data-side": side });
  for (const run of runsOf(text.length, marks)) {
    const piece = text.slice(run.start, run.end);
    const passage = run.passages[0];
    if (passage === undefined) {
      container.appendChild(document.createTextNode(piece));
      continue;
    }
    container.appendChild(
      h(
        "mark",
        {
          class: `hl c${passage % PASSAGE_COLOURS}`,
          "data-passage": passage,
          title: `Passage ${passage + 1}: click to see it on the other side`,
          onclick: () => scrollToTwin(side, passage),
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
