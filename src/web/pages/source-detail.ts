import { externalLink, h, mount } from "../dom.ts";
import { api } from "../api.ts";
import { formatDay, formatNumber, formatTime } from "../format.ts";
import { navigate } from "../router.ts";
import { errorBox, loading, pageTitle } from "../widgets.ts";
import type { PageContext } from "../router.ts";
import type { z } from "zod";
import type { SourceDetail as SourceDetailSchema } from "../../server/api-schemas.ts";

/** A source as `GET /api/sources/:id` gives it. */
type SourceDetail = z.infer<typeof SourceDetailSchema>;

export async function sourceDetailPage({ root, params }: PageContext): Promise<void> {
  mount(root, pageTitle("Source"), loading());
  const source = await api.get<SourceDetail>(`/api/sources/${Number(params[0])}`);
  const message = h("div", {});
  mount(
    root,
    pageTitle(source.title || source.url),
    h(
      "section",
      { class: "card" },
      h("dl", { class: "facts" },
        h("dt", {}, "URL"), h("dd", {}, externalLink(source.url)),
        h("dt", {}, "Published"), h("dd", {}, formatDay(source.published)),
        h("dt", {}, "Kind"), h("dd", {}, source.reference ? "Reference document: not the publisher's own text; passages it explains are not counted" : "The publisher's own article"),
        h("dt", {}, "Protected text"), h("dd", {}, `${formatNumber(source.chars)} characters; ${source.boilerplate.length} boilerplate block${source.boilerplate.length === 1 ? "" : "s"} excluded`),
        h("dt", {}, "Indexed"), h("dd", {}, formatTime(source.addedAt)),
      ),
      h(
        "button",
        {
          type: "button",
          class: "danger",
          onclick: async () => {
            if (!window.confirm("Remove this source from the index?")) return;
            try {
              await api.delete(`/api/sources/${source.id}`);
              navigate("/sources");
            } catch (error) {
              mount(message, errorBox(error));
            }
          },
        },
        "Remove from the index",
      ),
      message,
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Text"),
      h("p", { class: "muted small" }, "Greyed out: boilerplate (the outlet's policy notice, \"read also\" lines, share prompts) that does not count toward the share."),
      h("div", { class: "text source-text" }, ...source.segments.map((s) => (s.boilerplate ? h("span", { class: "boilerplate", title: "boilerplate: excluded from the protected text" }, s.text) : s.text))),
    ),
  );
}
