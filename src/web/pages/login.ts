import { h, mount } from "../dom.ts";
import { login } from "../api.ts";
import { errorBox } from "../widgets.ts";
import { t } from "../language.ts";
import type { PageContext } from "../router.ts";

export async function loginPage({ root, onLogin }: PageContext & { onLogin: () => void }): Promise<void> {
  const words = t().login;
  document.title = `${words.title} — ${t().common.titleSuffix}`;
  const key = h("input", { type: "password", name: "key", id: "key", autocomplete: "current-password", required: true, autofocus: true });
  const message = h("div", {});
  const form = h(
    "form",
    {
      class: "card login",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        mount(message);
        try {
          await login(key.value);
          onLogin();
        } catch (error) {
          mount(message, errorBox(error));
        }
      },
    },
    h("h1", {}, words.title),
    h("p", { class: "muted" }, words.help),
    h("label", { for: "key" }, words.key),
    key,
    h("button", { type: "submit", class: "primary" }, words.submit),
    message,
  );
  mount(root, form);
  key.focus();
}
