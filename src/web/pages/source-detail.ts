import { externalLink, h, mount } from "../dom.ts";
import { api } from "../api.ts";
import { formatDay, formatTime } from "../format.ts";
import { navigate } from "../router.ts";
import { errorBox, loading, pageTitle } from "../widgets.ts";
import { t } from "../language.ts";
import type { PageContext } from "../router.ts";
import type { z } from "zod";
import type { SourceDetail as SourceDetailSchema } from "../../server/schemas/sources.ts";

/** A source as `GET /api/sources/:id` gives it. */
type SourceDetail = z.infer<typeof SourceDetailSchema>;

export async function sourceDetailPage({ root, params }: PageContext): Promise<void> {
  const words = t().sourceDetail;
  mount(root, pageTitle(words.title), loading());
  const source = await api.get<SourceDetail>(`/api/sources/${Number(params[0])}`);
  const message = h("div", {});
  mount(
    root,
    pageTitle(source.title || source.url),
    h(
      "section",
      { class: "card" },
      h("dl", { class: "facts" },
        h("dt", {}, words.url), h("dd", {}, externalLink(source.url)),
        h("dt", {}, words.published), h("dd", {}, formatDay(source.published)),
        h("dt", {}, words.kind), h("dd", {}, source.reference ? words.reference : words.own),
        h("dt", {}, words.protectedText), h("dd", {}, words.protectedSummary(source.chars, source.boilerplate.length)),
        h("dt", {}, words.indexed), h("dd", {}, formatTime(source.addedAt)),
      ),
      h(
        "button",
        {
          type: "button",
          class: "danger",
          onclick: async () => {
            if (!window.confirm(words.confirmRemove)) return;
            try {
              await api.delete(`/api/sources/${source.id}`);
              navigate("/sources");
            } catch (error) {
              mount(message, errorBox(error));
            }
          },
        },
        words.remove,
      ),
      message,
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, words.text),
      h("p", { class: "muted small" }, words.boilerplateHelp),
      h("div", { class: "text source-text" }, ...source.segments.map((s) => (s.boilerplate ? h("span", { class: "boilerplate", title: words.boilerplateTitle }, s.text) : s.text))),
    ),
  );
}
