/** A page of the UI: renders into `root` from the route's parameters and query. */
export type Page = (context: PageContext) => Promise<void>;

export interface PageContext {
  root: HTMLElement;
  /** The route's captured path segments, in order. */
  params: string[];
  query: URLSearchParams;
}

interface Route {
  pattern: RegExp;
  page: Page;
}

/** The current hash route: `#/cases/3?lang=en` → path `/cases/3`, query `lang=en`. */
export function currentRoute(): { path: string; query: URLSearchParams } {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, search] = hash.split("?", 2) as [string, string | undefined];
  return { path: path || "/", query: new URLSearchParams(search ?? "") };
}

export function navigate(path: string): void {
  if (location.hash === `#${path}`) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = path;
}

export function createRouter(routes: [RegExp, Page][], notFound: Page) {
  const table: Route[] = routes.map(([pattern, page]) => ({ pattern, page }));
  return {
    resolve(path: string): { page: Page; params: string[] } {
      for (const route of table) {
        const match = route.pattern.exec(path);
        if (match) return { page: route.page, params: match.slice(1).map(decodeURIComponent) };
      }
      return { page: notFound, params: [] };
    },
  };
}
