import type { PolicyRules } from "../../cases/policy-store.ts";
import { h, mount } from "../dom.ts";
import { api, ApiFailure } from "../api.ts";
import { errorBox, loading, pageTitle } from "../widgets.ts";
import { t } from "../language.ts";
import type { PageContext } from "../router.ts";

interface PolicyView {
  rules: PolicyRules;
  wording: { ru: string; en: string };
}

export async function policyPage({ root }: PageContext): Promise<void> {
  mount(root, pageTitle(t().policy.title), loading());
  render(root, await api.get<PolicyView>("/api/policy"));
}

function render(root: HTMLElement, view: PolicyView, saved = false): void {
  const words = t().policy;
  const r = view.rules;
  const field = (name: string, label: string, input: HTMLElement, help: string) =>
    h("div", { class: "field", "data-field": name }, h("label", { for: `policy-${name}` }, label), input, h("p", { class: "muted small" }, help), h("p", { class: "field-error" }));
  const maxShare = h("input", { id: "policy-maxShare", name: "maxShare", value: `${+(r.maxShare * 100).toFixed(2)}%` });
  const maxChars = h("input", { id: "policy-maxChars", name: "maxChars", type: "number", min: 0, value: r.maxChars ?? "" });
  const minPassage = h("input", { id: "policy-minPassageChars", name: "minPassageChars", type: "number", min: 0, value: r.minPassageChars });
  const linkRequired = h("input", { id: "policy-link.required", type: "checkbox" });
  linkRequired.checked = r.link.required;
  const linkTarget = h("select", { id: "policy-link.target" }, h("option", { value: "article" }, words.articleTarget), h("option", { value: "domain" }, words.domainTarget));
  linkTarget.value = r.link.target;
  const indexable = h("input", { id: "policy-link.indexable", type: "checkbox" });
  indexable.checked = r.link.indexable;
  const quotations = h("input", { id: "policy-excludeQuotations", type: "checkbox" });
  quotations.checked = r.excludeQuotations;
  const domains = h("textarea", { id: "policy-publisherDomains", rows: 2 });
  domains.value = r.publisherDomains.join("\n");
  const deadline = h("input", { id: "policy-fixDeadlineDays", type: "number", min: 1, value: r.fixDeadlineDays });
  const message = h("div", {}, saved ? h("p", { class: "ok" }, words.saved) : null);

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
          minPassageChars: minPassage.value === "" ? 0 : Number(minPassage.value),
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
    field("maxShare", words.maxShare, maxShare, words.maxShareHelp),
    field("maxChars", words.maxChars, maxChars, words.maxCharsHelp),
    field("minPassageChars", words.minPassage, minPassage, words.minPassageHelp),
    field("link.required", words.linkRequired, linkRequired, words.linkRequiredHelp),
    field("link.target", words.linkTarget, linkTarget, ""),
    field("link.indexable", words.indexable, indexable, words.indexableHelp),
    field("excludeQuotations", words.quotations, quotations, words.quotationsHelp),
    field("publisherDomains", words.domains, domains, words.domainsHelp),
    field("fixDeadlineDays", words.deadline, deadline, words.deadlineHelp),
    h("button", { type: "submit", class: "primary" }, words.submit),
    message,
  );
  mount(
    root,
    pageTitle(words.title),
    form,
    h("section", { class: "card" }, h("h2", {}, words.wording), h("p", { lang: "ru" }, view.wording.ru), h("p", { lang: "en" }, view.wording.en)),
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
