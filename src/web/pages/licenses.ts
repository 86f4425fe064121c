import type { StoredLicense } from "../../cases/license-store.ts";
import { h, mount } from "../dom.ts";
import { api } from "../api.ts";
import { formatDay } from "../format.ts";
import { empty, errorBox, loading, pageTitle } from "../widgets.ts";
import { t } from "../language.ts";
import type { PageContext } from "../router.ts";

export async function licensesPage({ root }: PageContext, notice: HTMLElement | null = null): Promise<void> {
  const words = t().licenses;
  mount(root, pageTitle(words.title), loading());
  const { items } = await api.get<{ items: StoredLicense[] }>("/api/licenses");
  const reload = (next: HTMLElement | null = null) => licensesPage({ root, params: [], query: new URLSearchParams() }, next);
  mount(
    root,
    pageTitle(words.title),
    notice,
    h("p", { class: "muted" }, words.help),
    items.length > 0
      ? h(
          "table",
          { class: "licenses" },
          h("thead", {}, h("tr", {}, h("th", {}, words.domain), h("th", {}, words.from), h("th", {}, words.until), h("th", {}, words.articles), h("th", {}, words.lifts), h("th", {}, words.note), h("th", {}, ""))),
          h("tbody", {}, ...items.map((license) => licenseRow(license, root, reload))),
        )
      : empty(words.none),
    h("section", { class: "card" }, h("h2", {}, words.grant), licenseForm(null, reload)),
  );
}

/**
 * After a grant or a change: the open cases the license now covers. They stay open (the license may have come
 * after the reuse, and a case is closed by a person or by a re-check), so the editor is shown where they are.
 */
function coveredNotice(ids: readonly number[]): HTMLElement | null {
  if (ids.length === 0) return null;
  const words = t();
  return h(
    "div",
    { class: "card covered-cases", role: "status" },
    h("p", {}, words.licenses.coveredCases(ids.length)),
    h("ul", { class: "plain" }, ...ids.map((id) => h("li", {}, h("a", { href: `#/cases/${id}` }, words.cases.number(id))))),
  );
}

function licenseRow(license: StoredLicense, root: HTMLElement, reload: () => Promise<void>): HTMLElement {
  const words = t().licenses;
  const row = h(
    "tr",
    {},
    h("td", { "data-label": words.domain }, license.domain),
    h("td", { "data-label": words.from }, license.from ? formatDay(license.from) : words.always),
    h("td", { "data-label": words.until }, license.until ? formatDay(license.until) : words.noEnd),
    h("td", { "data-label": words.articles }, license.articles.length > 0 ? h("ul", { class: "plain url" }, ...license.articles.map((a) => h("li", {}, a))) : words.all),
    h("td", { "data-label": words.lifts }, license.lifts.map((lift) => words.liftNames[lift]).join(", ")),
    h("td", { "data-label": words.note }, license.note),
    h(
      "td",
      { class: "actions" },
      h("button", { type: "button", onclick: () => row.replaceWith(h("tr", {}, h("td", { colspan: 7 }, licenseForm(license, reload)))) }, words.edit),
      h(
        "button",
        {
          type: "button",
          class: "danger",
          onclick: async () => {
            if (!window.confirm(words.confirmWithdraw(license.domain))) return;
            try {
              await api.delete(`/api/licenses/${license.id}`);
              await reload();
            } catch (error) {
              root.prepend(errorBox(error));
            }
          },
        },
        words.withdraw,
      ),
    ),
  );
  return row;
}

function licenseForm(license: StoredLicense | null, reload: (notice?: HTMLElement | null) => Promise<void>): HTMLElement {
  const words = t().licenses;
  const prefix = license ? `license-${license.id}` : "license-new";
  const domain = h("input", { id: `${prefix}-domain`, name: "domain", value: license?.domain ?? "", placeholder: "partner.kz", required: true });
  const from = h("input", { id: `${prefix}-from`, name: "from", type: "date", value: license?.from ?? "" });
  const until = h("input", { id: `${prefix}-until`, name: "until", type: "date", value: license?.until ?? "" });
  const articles = h("textarea", { id: `${prefix}-articles`, name: "articles", rows: 2, placeholder: words.articlesPlaceholder });
  articles.value = license?.articles.join("\n") ?? "";
  const liftsCap = h("input", { type: "checkbox", name: "lift-cap" });
  liftsCap.checked = license ? license.lifts.includes("cap") : true;
  const liftsLink = h("input", { type: "checkbox", name: "lift-link" });
  liftsLink.checked = license ? license.lifts.includes("link") : true;
  const note = h("input", { id: `${prefix}-note`, name: "note", value: license?.note ?? "", placeholder: words.notePlaceholder });
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
          const granted = license ? await api.put<{ coveredOpenCases: number[] }>(`/api/licenses/${license.id}`, body) : await api.post<{ coveredOpenCases: number[] }>("/api/licenses", body);
          await reload(coveredNotice(granted.coveredOpenCases));
        } catch (error) {
          mount(message, errorBox(error));
        }
      },
    },
    h("label", { for: `${prefix}-domain` }, words.domain),
    domain,
    h("div", { class: "row" }, h("label", {}, `${words.from} `, from), h("label", {}, `${words.until} `, until)),
    h("label", { for: `${prefix}-articles` }, words.articles),
    articles,
    h("div", { class: "row" }, h("span", {}, words.liftsLabel), h("label", { class: "inline" }, liftsCap, ` ${words.liftNames.cap}`), h("label", { class: "inline" }, liftsLink, ` ${words.liftNames.link}`)),
    h("label", { for: `${prefix}-note` }, words.note),
    note,
    h("button", { type: "submit", class: "primary" }, license ? t().common.save : words.submitGrant),
    message,
  );
}
