import { h, mount } from "../dom.ts";
import { login } from "../api.ts";
import { errorBox } from "../widgets.ts";
import type { PageContext } from "../router.ts";

export async function loginPage({ root, onLogin }: PageContext & { onLogin: () => void }): Promise<void> {
  document.title = "Log in — CopyQuota";
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
    h("h1", {}, "Log in"),
    h("p", { class: "muted" }, "Use the API key printed when the server first started, or the one set in COPYQUOTA_API_KEY."),
    h("label", { for: "key" }, "API key"),
    key,
    h("button", { type: "submit", class: "primary" }, "Log in"),
    message,
  );
  mount(root, form);
  key.focus();
}
