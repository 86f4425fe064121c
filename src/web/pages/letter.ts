import type { NoticeLetter } from "../../cases/notice-letter.ts";
import { h, mount } from "../dom.ts";
import { api } from "../api.ts";
import { loading, pageTitle } from "../widgets.ts";
import type { PageContext } from "../router.ts";

export async function letterPage({ root, params, query }: PageContext): Promise<void> {
  const id = Number(params[0]);
  const lang = query.get("lang") === "en" ? "en" : "ru";
  mount(root, pageTitle(`Notice for case ${id}`), loading());
  const letter = await api.get<NoticeLetter>(`/api/cases/${id}/letter?lang=${lang}`);
  mount(
    root,
    h(
      "div",
      { class: "no-print" },
      pageTitle(`Notice for case ${id}`),
      h(
        "p",
        { class: "actions" },
        h("a", { href: `#/cases/${id}` }, "← Back to the case"),
        h("a", { class: `button${lang === "ru" ? " active" : ""}`, href: `#/cases/${id}/letter?lang=ru` }, "Русский"),
        h("a", { class: `button${lang === "en" ? " active" : ""}`, href: `#/cases/${id}/letter?lang=en` }, "English"),
        h("button", { type: "button", class: "primary", onclick: () => window.print() }, "Print"),
        h("a", { class: "button", href: `/api/cases/${id}/letter?lang=${lang}&format=text`, download: "" }, "Download (.txt)"),
      ),
      h("p", { class: "muted small" }, `The deadline is ${letter.deadline}, counted from today by the policy's fix deadline.`),
    ),
    h("article", { class: "letter", lang }, h("h2", { class: "letter-subject" }, letter.subject), h("div", { class: "letter-body" }, letter.body)),
  );
}
