import { h, mount } from "./dom.ts";
import { currentUser, logout, resumeSession, setUnauthorizedHandler } from "./api.ts";
import { createRouter, currentRoute, navigate } from "./router.ts";
import { errorBox } from "./widgets.ts";
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
  async ({ root }) => mount(root, h("h1", {}, "Not found"), h("p", {}, "This page does not exist. "), h("a", { href: "#/" }, "Go to the dashboard")),
);

const NAV: [string, string][] = [
  ["#/", "Dashboard"],
  ["#/cases", "Cases"],
  ["#/sources", "Sources"],
  ["#/watchlist", "Watchlist"],
  ["#/licenses", "Licenses"],
  ["#/policy", "Policy"],
  ["#/self-check", "Self-check"],
];

const header = document.getElementById("top") as HTMLElement;
const root = document.getElementById("app") as HTMLElement;
let loggedIn = false;

function renderHeader(path: string): void {
  if (!loggedIn) {
    mount(header, h("a", { class: "brand", href: "#/" }, "CopyQuota"));
    return;
  }
  const section = `#/${path.split("/")[1] ?? ""}`;
  mount(
    header,
    h("a", { class: "brand", href: "#/" }, "CopyQuota"),
    h("nav", {}, ...NAV.map(([href, label]) => h("a", { href, class: href === section ? "active" : "" }, label)), h("a", { href: "/api/docs", target: "_blank" }, "API")),
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
      }, "Log out"),
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

window.addEventListener("hashchange", () => void render());
loggedIn = await resumeSession();
await render();
