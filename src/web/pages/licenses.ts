import type { StoredLicense } from "../../cases/license-store.ts";
import { h, mount } from "../dom.ts";
import { api } from "../api.ts";
import { empty, errorBox, loading, pageTitle } from "../widgets.ts";
import type { PageContext } from "../router.ts";

export async function licensesPage({ root }: PageContext): Promise<void> {
  mount(root, pageTitle("Licenses"), loading());
  const { items } = await api.get<{ items: StoredLicense[] }>("/api/licenses");
  const reload = () => licensesPage({ root, params: [], query: new URLSearchParams() });
  mount(
    root,
    pageTitle("Licenses"),
    h("p", { class: "muted" }, "A license lets a partner's domain reuse more than the policy allows (the cap), or without the link, for the articles and dates it names."),
    items.length > 0
      ? h(
          "table",
          { class: "licenses" },
          h("thead", {}, h("tr", {}, h("th", {}, "Domain"), h("th", {}, "From"), h("th", {}, "Until"), h("th", {}, "Articles"), h("th", {}, "Lifts"), h("th", {}, "Note"), h("th", {}, ""))),
          h("tbody", {}, ...items.map((license) => licenseRow(license, root, reload))),
        )
      : empty("No licenses granted."),
    h("section", { class: "card" }, h("h2", {}, "Grant a license"), licenseForm(null, reload)),
  );
}

function licenseRow(license: StoredLicense, root: HTMLElement, reload: () => Promise<void>): HTMLElement {
  const row = h(
    "tr",
    {},
    h("td", {}, license.domain),
    h("td", {}, license.from ?? "always"),
    h("td", {}, license.until ?? "no end"),
    h("td", {}, license.articles.length > 0 ? h("ul", { class: "plain" }, ...license.articles.map((a) => h("li", {}, a))) : "all"),
    h("td", {}, license.lifts.join(", ")),
    h("td", {}, license.note),
    h(
      "td",
      { class: "actions" },
      h("button", { type: "button", onclick: () => row.replaceWith(h("tr", {}, h("td", { colspan: 7 }, licenseForm(license, reload)))) }, "Edit"),
      h(
        "button",
        {
          type: "button",
          class: "danger",
          onclick: async () => {
            if (!window.confirm(`Withdraw the license of ${license.domain}?`)) return;
            try {
              await api.delete(`/api/licenses/${license.id}`);
              await reload();
            } catch (error) {
              root.prepend(errorBox(error));
            }
          },
        },
        "Withdraw",
      ),
    ),
  );
  return row;
}

function licenseForm(license: StoredLicense | null, reload: () => Promise<void>): HTMLElement {
  const prefix = license ? `license-${license.id}` : "license-new";
  const domain = h("input", { id: `${prefix}-domain`, name: "domain", value: license?.domain ?? "", placeholder: "partner.kz", required: true });
  const from = h("input", { id: `${prefix}-from`, name: "from", type: "date", value: license?.from ?? "" });
  const until = h("input", { id: `${prefix}-until`, name: "until", type: "date", value: license?.until ?? "" });
  const articles = h("textarea", { id: `${prefix}-articles`, name: "articles", rows: 2, placeholder: "One URL prefix a line; empty for all articles" });
  articles.value = license?.articles.join("\n") ?? "";
  const liftsCap = h("input", { type: "checkbox", name: "lift-cap" });
  liftsCap.checked = license ? license.lifts.includes("cap") : true;
  const liftsLink = h("input", { type: "checkbox", name: "lift-link" });
  liftsLink.checked = license ? license.lifts.includes("link") : true;
  const note = h("input", { id: `${prefix}-note`, name: "note", value: license?.note ?? "", placeholder: "Partner, contract number" });
  const message = h("div", {});
  return h(
    "form",
    {
      class: "license-form",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const body = {
          domain: domain.value,
          from: from.value || null,
          until: until.value || null,
          articles: articles.value.split("\n").map((s) => s.trim()).filter(Boolean),
          lifts: [liftsCap.checked ? "cap" : null, liftsLink.checked ? "link" : null].filter(Boolean),
          note: note.value,
        };
        try {
          if (license) await api.put(`/api/licenses/${license.id}`, body);
          else await api.post("/api/licenses", body);
          await reload();
        } catch (error) {
          mount(message, errorBox(error));
        }
      },
    },
    h("label", { for: `${prefix}-domain` }, "Domain"),
    domain,
    h("div", { class: "row" }, h("label", {}, "From ", from), h("label", {}, "Until ", until)),
    h("label", { for: `${prefix}-articles` }, "Articles"),
    articles,
    h("div", { class: "row" }, h("span", {}, "Lifts: "), h("label", { class: "inline" }, liftsCap, " the cap"), h("label", { class: "inline" }, liftsLink, " the link rule")),
    h("label", { for: `${prefix}-note` }, "Note"),
    note,
    h("button", { type: "submit", class: "primary" }, license ? "Save" : "Grant"),
    message,
  );
}
