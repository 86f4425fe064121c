import { h, mount } from "./dom.ts";
import { currentUser, logout, resumeSession, setUnauthorizedHandler } from "./api.ts";
import { createRouter, currentRoute, navigate } from "./router.ts";
import { errorBox } from "./widgets.ts";
import { currentLanguage, initLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage, t } from "./language.ts";
import type { Catalogue } from "./messages/en.ts";
import { loginPage } from "./pages/login.ts";
import { dashboardPage } from "./pages/dashboard.ts";
import { casesPage } from "./pages/cases.ts";
import { caseDetailPage } from "./pages/case-detail.ts";
import { letterPage } from "./pages/letter.ts";
import { sourcesPage } from "./pages/sources.ts";
import { sourceDetailPage } from "./pages/source-detail.ts";
import { licensesPage } from "./pages/licenses.ts";
import { policyPage } from "./pages/policy.ts";
import { selfCheckPage } from "./pages/self-check.ts";
import { watchlistPage } from "./pages/watchlist.ts";

const router = createRouter(
  [
    [/^\/$/, dashboardPage],
    [/^\/cases$/, casesPage],
    [/^\/cases\/(\d+)$/, caseDetailPage],
    [/^\/cases\/(\d+)\/letter$/, letterPage],
    [/^\/sources$/, sourcesPage],
    [/^\/sources\/(\d+)$/, sourceDetailPage],
    [/^\/licenses$/, licensesPage],
    [/^\/policy$/, policyPage],
    [/^\/self-check$/, selfCheckPage],
    [/^\/watchlist$/, watchlistPage],
  ],
  async ({ root }) => mount(root, h("h1", {}, t().nav.notFound), h("p", {}, t().nav.notFoundText), h("a", { href: "#/" }, t().nav.toDashboard)),
);

const NAV: [string, (nav: Catalogue["nav"]) => string][] = [
  ["#/", (nav) => nav.dashboard],
  ["#/cases", (nav) => nav.cases],
  ["#/sources", (nav) => nav.sources],
  ["#/watchlist", (nav) => nav.watchlist],
  ["#/licenses", (nav) => nav.licenses],
  ["#/policy", (nav) => nav.policy],
  ["#/self-check", (nav) => nav.selfCheck],
];

const header = document.getElementById("top") as HTMLElement;
const root = document.getElementById("app") as HTMLElement;
let loggedIn = false;

function renderHeader(path: string): void {
  const brand = h("a", { class: "brand", href: "#/" }, "CopyQuota");
  if (!loggedIn) {
    mount(header, brand, languageSwitch());
    return;
  }
  const section = `#/${path.split("/")[1] ?? ""}`;
  const nav = t().nav;
  // On a phone the links and the account fold behind the menu button; a chosen link closes the menu by re-rendering.
  const menu = h("button", { type: "button", class: "menu-toggle", "aria-expanded": "false", "aria-controls": "top-menu" }, nav.menu);
  const folded = h(
    "div",
    { id: "top-menu", class: "top-menu" },
    h("nav", {}, ...NAV.map(([href, label]) => h("a", { href, class: href === section ? "active" : "" }, label(nav))), h("a", { href: "/api/docs", target: "_blank" }, nav.api)),
    h(
      "span",
      { class: "user" },
      currentUser() ?? "",
      h("button", {
        class: "link",
        type: "button",
        onclick: async () => {
          await logout();
          loggedIn = false;
          navigate("/login");
        },
      }, nav.logOut),
    ),
    languageSwitch(),
  );
  menu.addEventListener("click", () => {
    const open = header.classList.toggle("menu-open");
    menu.setAttribute("aria-expanded", String(open));
  });
  header.classList.remove("menu-open");
  mount(header, brand, menu, folded);
}

/** The language buttons, each in its own language; the page is drawn again in the chosen one. */
function languageSwitch(): HTMLElement {
  return h(
    "span",
    { class: "language-switch", role: "group", "aria-label": t().common.language },
    ...LANGUAGES.map((language) =>
      h(
        "button",
        {
          type: "button",
          lang: language,
          "data-language": language,
          "aria-pressed": String(language === currentLanguage()),
          onclick: () => {
            setLanguage(language);
            void render();
          },
        },
        LANGUAGE_NAMES[language],
      ),
    ),
  );
}

async function render(): Promise<void> {
  const { path, query } = currentRoute();
  if (!loggedIn || path === "/login") {
    if (loggedIn && path === "/login") return navigate("/");
    renderHeader(path);
    await loginPage({
      root,
      params: [],
      query,
      onLogin: () => {
        loggedIn = true;
        const next = query.get("next");
        navigate(next && next.startsWith("/") ? next : "/");
      },
    });
    return;
  }
  renderHeader(path);
  const { page, params } = router.resolve(path);
  try {
    await page({ root, params, query });
  } catch (error) {
    mount(root, errorBox(error));
  }
}

setUnauthorizedHandler(() => {
  loggedIn = false;
  const { path } = currentRoute();
  if (path !== "/login") navigate(`/login?next=${encodeURIComponent(path)}`);
});

initLanguage();
window.addEventListener("hashchange", () => void render());
loggedIn = await resumeSession();
await render();
