import { hostOf } from "./link-blocks.ts";

/**
 * Hosts of social networks and messengers. A block after the article whose every link leads to one of them
 * is a prompt to follow, share or write to the outlet there; inside the body such a link may be a source
 * (a minister's post), so the cleaner weighs it only with position.
 */
const SOCIAL_HOSTS: readonly string[] = [
  "t.me", "telegram.me", "telegram.org", "wa.me", "whatsapp.com", "instagram.com", "facebook.com", "fb.com", "vk.com", "ok.ru",
  "x.com", "twitter.com", "youtube.com", "youtu.be", "tiktok.com", "dzen.ru", "threads.net", "linkedin.com", "viber.com",
];

/** Whether `href` is an absolute link to a social network or messenger (or a subdomain of one). */
function isSocialHref(href: string): boolean {
  const host = hostOf(href.startsWith("//") ? `https:${href}` : href);
  return host !== null && SOCIAL_HOSTS.some((social) => host === social || host.endsWith(`.${social}`));
}

/** Whether an element has links and all of them lead to social networks or messengers. */
export function linksOnlyToSocial(el: Element): boolean {
  const hrefs = [...el.querySelectorAll("a[href]")].map((a) => a.getAttribute("href") ?? "");
  if (el.localName.toLowerCase() === "a") hrefs.push(el.getAttribute("href") ?? "");
  return hrefs.length > 0 && hrefs.every(isSocialHref);
}
