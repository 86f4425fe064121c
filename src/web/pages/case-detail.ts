import type { Case, CaseEvent, CaseStatus, Observation } from "../../cases/case.ts";
import type { EvidenceCapture } from "../../cases/evidence.ts";
import type { ExcludedPassage, Match } from "../../core/types.ts";
import type { Mark } from "../highlight.ts";
import { externalLink, h, mount } from "../dom.ts";
import { api } from "../api.ts";
import { highlightedText } from "../highlight.ts";
import { formatDay, formatNumber, formatTime, percent } from "../format.ts";
import { t } from "../language.ts";
import { errorBox, excludedMarks, linkFindings, loading, pageTitle, shareBar, shareFigures, statusBadge, violationTags } from "../widgets.ts";
import type { PageContext } from "../router.ts";

/** The case detail as `GET /api/cases/:id` answers it. */
export interface CaseDetail {
  case: Case;
  allowedSteps: CaseStatus[];
  source: { id: number; url: string; title: string; published: string | null; reference: boolean; protectedText: string; changedSinceCheck: boolean } | null;
  candidate: { text: string; checkedAt: string; title: string; published: string | null } | null;
  match: Match | null;
  observations: Observation[];
  history: CaseEvent[];
  evidence: { sha256: string; captures: EvidenceCapture[] }[];
}

export async function caseDetailPage({ root, params }: PageContext): Promise<void> {
  const id = Number(params[0]);
  mount(root, pageTitle(t().caseDetail.title(id)), loading());
  render(root, await api.get<CaseDetail>(`/api/cases/${id}`));
}

function render(root: HTMLElement, detail: CaseDetail): void {
  const words = t().caseDetail;
  const c = detail.case;
  const passages = c.passages;
  const excluded = detail.match?.excluded ?? [];
  const sourceMarks: Mark[] = passages.map((p, i) => ({ start: p.source.start, end: p.source.end, passage: i }));
  const candidateMarks: Mark[] = passages.map((p, i) => ({ start: p.candidate.start, end: p.candidate.end, passage: i }));
  const highlightOptions = (side: "source" | "candidate") => ({ excluded: excludedMarks(excluded, side), passageTitle: words.passageTitle });
  mount(
    root,
    pageTitle(words.title(c.id), statusBadge(c.status)),
    h(
      "section",
      { class: "card case-summary" },
      h("dl", { class: "facts" },
        h("dt", {}, words.page), h("dd", {}, h("strong", { class: "candidate-title" }, c.candidate.title || t().common.untitled), h("br"), externalLink(c.candidate.url)),
        h("dt", {}, words.source), h("dd", {}, detail.source ? h("a", { href: `#/sources/${detail.source.id}` }, c.source.title || c.source.url) : c.source.title, h("br"), externalLink(c.source.url)),
        h("dt", {}, words.share), h("dd", {}, shareBar(c.share, c.maxShare), h("p", { class: "muted small share-figures" }, shareFigures(c.reusedChars, c.sourceChars, detail.match))),
        h("dt", {}, words.violations), h("dd", {}, violationTags(c.violations)),
        h("dt", {}, words.link), h("dd", {}, linkFindings(c.link)),
        h("dt", {}, words.seen), h("dd", {}, words.seenRange(formatTime(c.firstSeen), formatTime(c.lastSeen))),
        c.resolution ? h("dt", {}, words.resolution) : null, c.resolution ? h("dd", {}, c.resolution) : null,
      ),
      statusActions(root, detail),
      h("p", { class: "actions" },
        h("a", { class: "button", href: `#/cases/${c.id}/letter?lang=ru` }, words.letterRu),
        h("a", { class: "button", href: `#/cases/${c.id}/letter?lang=en` }, words.letterEn),
        recheckButton(root, c.id),
      ),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, words.passages(passages.length)),
      h("p", { class: "muted small" }, words.passagesHelp),
      legend(excluded.length > 0),
      excluded.length > 0 ? excludedList(excluded, detail.source?.protectedText ?? "") : null,
      detail.source?.changedSinceCheck ? h("p", { class: "warning" }, words.changed) : null,
      h(
        "div",
        { class: "side-by-side" },
        h("div", { class: "pane" }, h("h3", {}, words.sourcePane), highlightedText(detail.source?.protectedText ?? "", sourceMarks, "source", highlightOptions("source"))),
        h("div", { class: "pane" }, h("h3", {}, words.candidatePane, detail.candidate ? h("span", { class: "muted small" }, ` · ${formatTime(detail.candidate.checkedAt)}`) : null), highlightedText(detail.candidate?.text ?? "", candidateMarks, "candidate", highlightOptions("candidate"))),
      ),
    ),
    h("section", { class: "card" }, h("h2", {}, words.evidence), evidenceList(detail.evidence)),
    h("div", { class: "grid-2" },
      h("section", { class: "card" }, h("h2", {}, words.history), historyTable(detail.history)),
      h("section", { class: "card" }, h("h2", {}, words.observations), observationTable(detail.observations)),
    ),
  );
}

/** What the two highlight styles mean; the excluded one only when the case has excluded text. */
function legend(withExcluded: boolean): HTMLElement {
  const words = t().caseDetail;
  return h(
    "p",
    { class: "legend small" },
    h("mark", { class: "hl c0" }, words.legendReused),
    withExcluded ? " " : null,
    withExcluded ? h("mark", { class: "hl excluded" }, words.legendExcluded) : null,
  );
}

/** Each excluded span: its reason, its length, where it starts in the source, and the reference it is also in. */
function excludedList(excluded: readonly ExcludedPassage[], sourceText: string): HTMLElement {
  const words = t().caseDetail;
  return h(
    "div",
    { class: "excluded-list" },
    h("h3", {}, words.excludedTitle),
    h("p", { class: "muted small" }, words.excludedHelp),
    h(
      "ul",
      {},
      ...excluded.map((e) =>
        h(
          "li",
          { "data-excluded": e.reason },
          h("span", { class: "tag excluded-reason" }, t().labels.excludedReasons[e.reason]),
          " ",
          words.excludedItem(e.source.end - e.source.start),
          h("q", {}, excerpt(sourceText, e.source.start, e.source.end)),
          e.referenceUrl ? h("span", {}, " — ", externalLink(e.referenceUrl, words.referenceLink), h("div", { class: "muted small" }, externalLink(e.referenceUrl))) : null,
        ),
      ),
    ),
  );
}

/** Characters of an excluded span quoted in its list item: enough to find the sentence in the texts below. */
const EXCERPT_CHARS = 120;

function excerpt(text: string, start: number, end: number): string {
  const piece = text.slice(start, end).replace(/\s+/g, " ").trim();
  return piece.length > EXCERPT_CHARS ? `${piece.slice(0, EXCERPT_CHARS - 1)}…` : piece;
}

function statusActions(root: HTMLElement, detail: CaseDetail): HTMLElement {
  const words = t().caseDetail;
  const comment = h("textarea", { id: "status-comment", rows: 2, placeholder: words.comment });
  const message = h("div", {});
  const act = async (status: CaseStatus) => {
    try {
      await api.post(`/api/cases/${detail.case.id}/status`, { status, comment: comment.value });
      render(root, await api.get<CaseDetail>(`/api/cases/${detail.case.id}`));
    } catch (error) {
      mount(message, errorBox(error));
    }
  };
  return h(
    "div",
    { class: "status-actions" },
    h("label", { for: "status-comment" }, words.changeStatus),
    comment,
    h("div", { class: "actions" }, ...detail.allowedSteps.map((status) => h("button", { type: "button", "data-status": status, class: status === "dismissed" ? "" : "primary", onclick: () => act(status) }, t().labels.statusActions[status]))),
    message,
  );
}

function recheckButton(root: HTMLElement, id: number): HTMLElement {
  const button = h("button", { type: "button" }, t().caseDetail.recheck);
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = t().caseDetail.checking;
    try {
      await api.post(`/api/cases/${id}/recheck`);
      render(root, await api.get<CaseDetail>(`/api/cases/${id}`));
    } catch (error) {
      button.replaceWith(errorBox(error));
    }
  });
  return button;
}

function evidenceList(evidence: CaseDetail["evidence"]): HTMLElement {
  const words = t().caseDetail;
  return h(
    "table",
    { class: "evidence" },
    h("thead", {}, h("tr", {}, h("th", {}, words.sha), h("th", {}, words.captured), h("th", {}, words.how), h("th", { class: "num" }, words.bytes), h("th", {}, ""))),
    h(
      "tbody",
      {},
      ...evidence.map(({ sha256, captures }) => {
        const last = captures[captures.length - 1];
        return h(
          "tr",
          {},
          h("td", { "data-label": words.sha }, h("code", { class: "hash" }, sha256)),
          h("td", { "data-label": words.captured }, formatTime(last?.fetchedAt)),
          h("td", { "data-label": words.how }, last ? (last.origin === "fetched" ? words.fetched(String(last.status ?? "?")) : words.submitted) : "—", captures.length > 1 ? h("span", { class: "muted small" }, words.captures(captures.length)) : null),
          h("td", { class: "num", "data-label": words.bytes }, last ? formatNumber(last.size) : "—"),
          h("td", {}, h("a", { class: "button", href: `/api/evidence/${sha256}`, download: "" }, words.download)),
        );
      }),
    ),
  );
}

function historyTable(events: readonly CaseEvent[]): HTMLElement {
  const statuses = t().labels.statuses;
  return h(
    "ol",
    { class: "history" },
    ...events.map((e) =>
      h("li", {}, h("span", { class: "muted small" }, formatTime(e.at)), " ", h("strong", {}, e.actor), " ", e.from ? `${statuses[e.from]} → ${statuses[e.to]}` : t().caseDetail.openedAs(statuses[e.to]), e.comment ? h("div", { class: "comment" }, e.comment) : null),
    ),
  );
}

function observationTable(observations: readonly Observation[]): HTMLElement {
  const words = t().caseDetail;
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, h("th", {}, words.when), h("th", {}, words.outcome), h("th", { class: "num" }, words.share), h("th", {}, words.evidence))),
    h(
      "tbody",
      {},
      ...[...observations].reverse().map((o) =>
        h("tr", {}, h("td", {}, formatDay(o.at)), h("td", {}, t().labels.verdicts[o.outcome]), h("td", { class: "num" }, percent(o.share)), h("td", {}, h("code", { class: "hash" }, o.evidenceSha256.slice(0, 12)))),
      ),
    ),
  );
}
