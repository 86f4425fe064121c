import type { Case, CaseEvent, CaseStatus, Observation } from "../../cases/case.ts";
import type { EvidenceCapture } from "../../cases/evidence.ts";
import type { Match } from "../../core/types.ts";
import type { Mark } from "../highlight.ts";
import { externalLink, h, mount } from "../dom.ts";
import { api } from "../api.ts";
import { highlightedText } from "../highlight.ts";
import { formatDay, formatNumber, formatTime, percent, STATUS_ACTIONS, STATUS_LABELS, VERDICT_LABELS } from "../format.ts";
import { errorBox, linkFindings, loading, pageTitle, shareBar, statusBadge, violationTags } from "../widgets.ts";
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
  mount(root, pageTitle(`Case ${id}`), loading());
  render(root, await api.get<CaseDetail>(`/api/cases/${id}`));
}

function render(root: HTMLElement, detail: CaseDetail): void {
  const c = detail.case;
  const passages = c.passages;
  const sourceMarks: Mark[] = passages.map((p, i) => ({ start: p.source.start, end: p.source.end, passage: i }));
  const candidateMarks: Mark[] = passages.map((p, i) => ({ start: p.candidate.start, end: p.candidate.end, passage: i }));
  mount(
    root,
    pageTitle(`Case ${c.id}`, statusBadge(c.status)),
    h(
      "section",
      { class: "card case-summary" },
      h("dl", { class: "facts" },
        h("dt", {}, "Page"), h("dd", {}, h("strong", { class: "candidate-title" }, c.candidate.title || "(untitled)"), h("br"), externalLink(c.candidate.url)),
        h("dt", {}, "Source"), h("dd", {}, detail.source ? h("a", { href: `#/sources/${detail.source.id}` }, c.source.title || c.source.url) : c.source.title, h("br"), externalLink(c.source.url)),
        h("dt", {}, "Share"), h("dd", {}, shareBar(c.share, c.maxShare), h("span", { class: "muted small" }, `${formatNumber(c.reusedChars)} of ${formatNumber(c.sourceChars)} characters`)),
        h("dt", {}, "Violations"), h("dd", {}, violationTags(c.violations)),
        h("dt", {}, "Link"), h("dd", {}, linkFindings(c.link)),
        h("dt", {}, "Seen"), h("dd", {}, `first ${formatTime(c.firstSeen)}, last ${formatTime(c.lastSeen)}`),
        c.resolution ? h("dt", {}, "Resolution") : null, c.resolution ? h("dd", {}, c.resolution) : null,
      ),
      statusActions(root, detail),
      h("p", { class: "actions" },
        h("a", { class: "button", href: `#/cases/${c.id}/letter?lang=ru` }, "Notice letter (RU)"),
        h("a", { class: "button", href: `#/cases/${c.id}/letter?lang=en` }, "Notice letter (EN)"),
        recheckButton(root, c.id),
      ),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, `Aligned passages (${passages.length})`),
      h("p", { class: "muted small" }, "Matching passages share a colour. Click one to scroll to its twin on the other side."),
      detail.source?.changedSinceCheck ? h("p", { class: "warning" }, "The source was re-indexed since this check; re-check the page to realign the passages.") : null,
      h(
        "div",
        { class: "side-by-side" },
        h("div", { class: "pane" }, h("h3", {}, "Source (protected text)"), highlightedText(detail.source?.protectedText ?? "", sourceMarks, "source")),
        h("div", { class: "pane" }, h("h3", {}, "Page as checked", detail.candidate ? h("span", { class: "muted small" }, ` · ${formatTime(detail.candidate.checkedAt)}`) : null), highlightedText(detail.candidate?.text ?? "", candidateMarks, "candidate")),
      ),
    ),
    h("section", { class: "card" }, h("h2", {}, "Evidence"), evidenceList(detail.evidence)),
    h("div", { class: "grid-2" },
      h("section", { class: "card" }, h("h2", {}, "Status history"), historyTable(detail.history)),
      h("section", { class: "card" }, h("h2", {}, "Observations"), observationTable(detail.observations)),
    ),
  );
}

function statusActions(root: HTMLElement, detail: CaseDetail): HTMLElement {
  const comment = h("textarea", { id: "status-comment", rows: 2, placeholder: "Comment for the history (optional)" });
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
    h("label", { for: "status-comment" }, "Change status"),
    comment,
    h("div", { class: "actions" }, ...detail.allowedSteps.map((status) => h("button", { type: "button", "data-status": status, class: status === "dismissed" ? "" : "primary", onclick: () => act(status) }, STATUS_ACTIONS[status]))),
    message,
  );
}

function recheckButton(root: HTMLElement, id: number): HTMLElement {
  const button = h("button", { type: "button" }, "Re-check the page now");
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = "Checking…";
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
  return h(
    "table",
    { class: "evidence" },
    h("thead", {}, h("tr", {}, h("th", {}, "SHA-256"), h("th", {}, "Captured"), h("th", {}, "How"), h("th", { class: "num" }, "Bytes"), h("th", {}, ""))),
    h(
      "tbody",
      {},
      ...evidence.map(({ sha256, captures }) => {
        const last = captures[captures.length - 1];
        return h(
          "tr",
          {},
          h("td", {}, h("code", { class: "hash" }, sha256)),
          h("td", {}, formatTime(last?.fetchedAt)),
          h("td", {}, last ? (last.origin === "fetched" ? `fetched, HTTP ${last.status ?? "?"}` : "submitted to the API") : "—", captures.length > 1 ? h("span", { class: "muted small" }, ` (${captures.length} captures)`) : null),
          h("td", { class: "num" }, last ? formatNumber(last.size) : "—"),
          h("td", {}, h("a", { class: "button", href: `/api/evidence/${sha256}`, download: "" }, "Download")),
        );
      }),
    ),
  );
}

function historyTable(events: readonly CaseEvent[]): HTMLElement {
  return h(
    "ol",
    { class: "history" },
    ...events.map((e) =>
      h("li", {}, h("span", { class: "muted small" }, formatTime(e.at)), " ", h("strong", {}, e.actor), " ", e.from ? `${STATUS_LABELS[e.from]} → ${STATUS_LABELS[e.to]}` : `opened as ${STATUS_LABELS[e.to]}`, e.comment ? h("div", { class: "comment" }, e.comment) : null),
    ),
  );
}

function observationTable(observations: readonly Observation[]): HTMLElement {
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, h("th", {}, "When"), h("th", {}, "Outcome"), h("th", { class: "num" }, "Share"), h("th", {}, "Evidence"))),
    h(
      "tbody",
      {},
      ...[...observations].reverse().map((o) =>
        h("tr", {}, h("td", {}, formatDay(o.at)), h("td", {}, o.outcome === "gone" ? "page gone" : (VERDICT_LABELS[o.outcome] ?? o.outcome)), h("td", { class: "num" }, percent(o.share)), h("td", {}, h("code", { class: "hash" }, o.evidenceSha256.slice(0, 12)))),
      ),
    ),
  );
}
