import type { NoticeLetter } from "../../cases/notice-letter.ts";
import { h, mount } from "../dom.ts";
import { api } from "../api.ts";
import { formatDay } from "../format.ts";
import { loading, pageTitle } from "../widgets.ts";
import { currentLanguage, LANGUAGE_NAMES, LANGUAGES, t } from "../language.ts";
import type { PageContext } from "../router.ts";

export async function letterPage({ root, params, query }: PageContext): Promise<void> {
  const id = Number(params[0]);
  // The letter's language is the recipient's, chosen here; it starts as the UI's.
  const asked = query.get("lang");
  const lang = LANGUAGES.find((language) => language === asked) ?? currentLanguage();
  const words = t().letter;
  mount(root, pageTitle(words.title(id)), loading());
  const letter = await api.get<NoticeLetter>(`/api/cases/${id}/letter?lang=${lang}`);
  mount(
    root,
    h(
      "div",
      { class: "no-print" },
      pageTitle(words.title(id)),
      h(
        "p",
        { class: "actions" },
        h("a", { href: `#/cases/${id}` }, words.back),
        h("a", { class: `button${lang === "ru" ? " active" : ""}`, href: `#/cases/${id}/letter?lang=ru` }, LANGUAGE_NAMES.ru),
        h("a", { class: `button${lang === "en" ? " active" : ""}`, href: `#/cases/${id}/letter?lang=en` }, LANGUAGE_NAMES.en),
        h("button", { type: "button", class: "primary", onclick: () => window.print() }, words.print),
        h("a", { class: "button", href: `/api/cases/${id}/letter?lang=${lang}&format=text`, download: "" }, words.download),
      ),
      h("p", { class: "muted small" }, words.deadline(formatDay(letter.deadline))),
    ),
    h("article", { class: "letter", lang }, h("h2", { class: "letter-subject" }, letter.subject), h("div", { class: "letter-body" }, letter.body)),
  );
}
