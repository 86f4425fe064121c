import type { PolicyRules } from "../../cases/policy-store.ts";
import { h, mount } from "../dom.ts";
import { api, ApiFailure } from "../api.ts";
import { errorBox, loading, pageTitle } from "../widgets.ts";
import type { PageContext } from "../router.ts";

interface PolicyView {
  rules: PolicyRules;
  wording: { ru: string; en: string };
}

export async function policyPage({ root }: PageContext): Promise<void> {
  mount(root, pageTitle("Policy"), loading());
  render(root, await api.get<PolicyView>("/api/policy"));
}

function render(root: HTMLElement, view: PolicyView, saved = false): void {
  const r = view.rules;
  const field = (name: string, label: string, input: HTMLElement, help: string) =>
    h("div", { class: "field", "data-field": name }, h("label", { for: `policy-${name}` }, label), input, h("p", { class: "muted small" }, help), h("p", { class: "field-error" }));
  const maxShare = h("input", { id: "policy-maxShare", name: "maxShare", value: `${+(r.maxShare * 100).toFixed(2)}%` });
  const maxChars = h("input", { id: "policy-maxChars", name: "maxChars", type: "number", min: 0, value: r.maxChars ?? "" });
  const linkRequired = h("input", { id: "policy-link.required", type: "checkbox" });
  linkRequired.checked = r.link.required;
  const linkTarget = h("select", { id: "policy-link.target" }, h("option", { value: "article" }, "the article itself"), h("option", { value: "domain" }, "any page of our site"));
  linkTarget.value = r.link.target;
  const indexable = h("input", { id: "policy-link.indexable", type: "checkbox" });
  indexable.checked = r.link.indexable;
  const quotations = h("input", { id: "policy-excludeQuotations", type: "checkbox" });
  quotations.checked = r.excludeQuotations;
  const domains = h("textarea", { id: "policy-publisherDomains", rows: 2 });
  domains.value = r.publisherDomains.join("\n");
  const deadline = h("input", { id: "policy-fixDeadlineDays", type: "number", min: 1, value: r.fixDeadlineDays });
  const message = h("div", {}, saved ? h("p", { class: "ok" }, "Saved.") : null);

  const form = h(
    "form",
    {
      class: "card policy-form",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        form.querySelectorAll(".field-error").forEach((e) => (e.textContent = ""));
        const body = {
          maxShare: maxShare.value.trim().endsWith("%") ? maxShare.value.trim() : Number(maxShare.value),
          maxChars: maxChars.value === "" ? null : Number(maxChars.value),
          link: { required: linkRequired.checked, target: linkTarget.value, indexable: indexable.checked },
          excludeQuotations: quotations.checked,
          publisherDomains: domains.value.split("\n").map((s) => s.trim()).filter(Boolean),
          fixDeadlineDays: Number(deadline.value),
        };
        try {
          render(root, await api.put<PolicyView>("/api/policy", body), true);
        } catch (error) {
          mount(message, errorBox(error));
          if (error instanceof ApiFailure) showFieldErrors(form, error.issues);
        }
      },
    },
    field("maxShare", "Share cap", maxShare, 'The most of an article a reuser may take: "30%" or 0.3.'),
    field("maxChars", "Character cap", maxChars, "The most characters a reuser may take; empty for none."),
    field("link.required", "Link required", linkRequired, "A hyperlink back is mandatory."),
    field("link.target", "The link must point to", linkTarget, ""),
    field("link.indexable", "Link must be indexable", indexable, "A nofollow link or one inside <noindex> does not count."),
    field("excludeQuotations", "Exclude quotations", quotations, "Third parties' words quoted in the article do not count as reuse."),
    field("publisherDomains", "Our other domains", domains, "Mirrors and old domains, one a line; links to them count."),
    field("fixDeadlineDays", "Days to fix", deadline, "The deadline a notice gives."),
    h("button", { type: "submit", class: "primary" }, "Save policy"),
    message,
  );
  mount(
    root,
    pageTitle("Policy"),
    form,
    h("section", { class: "card" }, h("h2", {}, "How a notice words it"), h("p", { lang: "ru" }, view.wording.ru), h("p", { lang: "en" }, view.wording.en)),
  );
}

/** Puts each issue the server reported next to the field it names (`link.target` → that field). */
function showFieldErrors(form: HTMLElement, issues: readonly { path: string; message: string }[]): void {
  for (const issue of issues) {
    const field = [...form.querySelectorAll<HTMLElement>(".field")].find((f) => f.dataset.field === issue.path || issue.path.startsWith(`${f.dataset.field}[`));
    const slot = field?.querySelector(".field-error");
    if (slot) slot.textContent = issue.message;
  }
}
