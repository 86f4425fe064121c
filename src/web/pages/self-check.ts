import type { CheckResult } from "../../core/types.ts";
import type { Mark } from "../highlight.ts";
import { externalLink, h, mount } from "../dom.ts";
import { api } from "../api.ts";
import { highlightedText } from "../highlight.ts";
import { t } from "../language.ts";
import { empty, errorBox, excludedMarks, linkSummary, loading, pageTitle, shareBar, shareFigures, verdictBadge, violationTags } from "../widgets.ts";
import type { PageContext } from "../router.ts";

interface SelfCheckResponse {
  result: CheckResult;
  candidateText: string;
  policy: { maxShare: number; maxChars: number | null; link: { required: boolean } };
}

export async function selfCheckPage({ root }: PageContext): Promise<void> {
  const words = t().selfCheck;
  const text = h("textarea", { id: "draft", rows: 10, placeholder: words.draftPlaceholder });
  const url = h("input", { id: "draft-url", type: "url", placeholder: words.urlPlaceholder });
  const results = h("div", { id: "self-check-results" });
  mount(
    root,
    pageTitle(words.title),
    h("p", { class: "muted" }, words.help),
    h(
      "form",
      {
        class: "card",
        onsubmit: async (event: Event) => {
          event.preventDefault();
          mount(results, loading());
          const body: Record<string, string> = {};
          if (text.value.trim() !== "") body[/^\s*</.test(text.value) ? "html" : "text"] = text.value;
          if (url.value.trim() !== "") body.url = url.value.trim();
          try {
            showResults(results, await api.post<SelfCheckResponse>("/api/self-check", body));
          } catch (error) {
            mount(results, errorBox(error));
          }
        },
      },
      h("label", { for: "draft" }, words.draft),
      text,
      h("label", { for: "draft-url" }, words.url),
      url,
      h("button", { type: "submit", class: "primary" }, words.submit),
    ),
    results,
  );
}

function showResults(root: HTMLElement, { result, candidateText, policy }: SelfCheckResponse): void {
  const words = t().selfCheck;
  const own = result.matches.filter((m) => !m.source.reference);
  const marks: Mark[] = own.flatMap((m, i) => m.passages.map((p) => ({ start: p.candidate.start, end: p.candidate.end, passage: i })));
  const excluded = own.flatMap((m) => excludedMarks(m.excluded, "candidate"));
  mount(
    root,
    h(
      "section",
      { class: "card" },
      h("h2", {}, words.result, verdictBadge(result.verdict)),
      h("p", {}, words.advice[result.verdict]),
      own.length === 0
        ? empty(words.noReuse)
        : h(
            "ul",
            { class: "matches" },
            ...own.map((m, i) =>
              h(
                "li",
                { class: `match c${i % 8}` },
                h("strong", {}, m.source.title || m.source.url),
                " ",
                verdictBadge(m.verdict),
                h("div", {}, externalLink(m.source.url)),
                // The cap the match was judged against; a match no cap applied to (own page, older page) is shown against the policy's.
                shareBar(m.share, m.cap?.maxShare ?? policy.maxShare),
                h("p", { class: "small" }, `${shareFigures(m.reusedChars, m.sourceChars, m)}.`, " ", linkSummary(m.link)),
                m.violations.length > 0 ? violationTags(m.violations) : h("span", { class: "ok" }, t().labels.verdicts[m.verdict]),
              ),
            ),
          ),
    ),
    own.length > 0 ? h("section", { class: "card" }, h("h2", {}, words.reusedPassages), highlightedText(candidateText, marks, "candidate", { excluded, passageTitle: t().caseDetail.passageTitle })) : null,
  );
}
