import type { CheckResult } from "../../core/types.ts";
import type { Mark } from "../highlight.ts";
import { externalLink, h, mount } from "../dom.ts";
import { api } from "../api.ts";
import { highlightedText } from "../highlight.ts";
import { formatNumber, VERDICT_LABELS } from "../format.ts";
import { empty, errorBox, linkSummary, loading, pageTitle, shareBar, verdictBadge, violationTags } from "../widgets.ts";
import type { PageContext } from "../router.ts";

interface SelfCheckResponse {
  result: CheckResult;
  candidateText: string;
  policy: { maxShare: number; maxChars: number | null; link: { required: boolean } };
}

export async function selfCheckPage({ root }: PageContext): Promise<void> {
  const text = h("textarea", { id: "draft", rows: 10, placeholder: "Paste the draft of your article here…" });
  const url = h("input", { id: "draft-url", type: "url", placeholder: "https://your-site.example/draft (optional with a draft; required alone: the page is fetched)" });
  const results = h("div", { id: "self-check-results" });
  mount(
    root,
    pageTitle("Self-check"),
    h("p", { class: "muted" }, "Before publishing, see which of our articles your text uses, what share of each, and whether your link back counts. Nothing you check here is recorded."),
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
      h("label", { for: "draft" }, "Draft (plain text or HTML with your links)"),
      text,
      h("label", { for: "draft-url" }, "or a page's URL"),
      url,
      h("button", { type: "submit", class: "primary" }, "Check"),
    ),
    results,
  );
}

function showResults(root: HTMLElement, { result, candidateText, policy }: SelfCheckResponse): void {
  const own = result.matches.filter((m) => !m.source.reference);
  const marks: Mark[] = own.flatMap((m, i) => m.passages.map((p) => ({ start: p.candidate.start, end: p.candidate.end, passage: i })));
  mount(
    root,
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Result ", verdictBadge(result.verdict)),
      h("p", {}, verdictAdvice(result.verdict)),
      own.length === 0
        ? empty("Your text does not reuse any of our articles.")
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
                shareBar(m.share, policy.maxShare),
                h("p", { class: "small" }, `${formatNumber(m.reusedChars)} of ${formatNumber(m.sourceChars)} characters.`, " ", linkSummary(m.link)),
                m.violations.length > 0 ? violationTags(m.violations) : h("span", { class: "ok" }, VERDICT_LABELS[m.verdict] ?? m.verdict),
              ),
            ),
          ),
    ),
    own.length > 0 ? h("section", { class: "card" }, h("h2", {}, "Reused passages in your text"), highlightedText(candidateText, marks, "candidate")) : null,
  );
}

function verdictAdvice(verdict: CheckResult["verdict"]): string {
  switch (verdict) {
    case "violation":
      return "As it stands, publishing this would break our reuse policy: cut the reused text or fix the link as shown below.";
    case "compliant":
      return "You may publish this: the reuse is within our policy.";
    case "licensed":
      return "Your license covers this reuse.";
    default:
      return "Nothing here is taken from our articles.";
  }
}
