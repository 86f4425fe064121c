import { en } from "./messages/en.ts";
import type { Catalogue } from "./messages/en.ts";
import { ru } from "./messages/ru.ts";

/** The languages the UI speaks. */
export type Language = "ru" | "en";

export const LANGUAGES: readonly Language[] = Object.freeze(["ru", "en"]);

/** Each language's name in itself, as a language switch shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = Object.freeze({ ru: "Русский", en: "English" });

/** The locale of dates and numbers: day-month-year in both (en-GB, not en-US, as a Kazakh newsroom writes dates). */
export const LOCALES: Readonly<Record<Language, string>> = Object.freeze({ ru: "ru-RU", en: "en-GB" });

const CATALOGUES: Readonly<Record<Language, Catalogue>> = Object.freeze({ ru, en });

/**
 * Browser languages whose readers get the Russian UI: Russian, and Kazakh, for which the UI has no catalogue and
 * whose newsrooms work in Russian as well.
 */
const RUSSIAN_READERS = new Set(["ru", "kk"]);

/** Where the reader's choice is kept, so that it outlives the session. */
const STORAGE_KEY = "copyquota.language";

/**
 * The language for a browser's preference list (`navigator.languages`, most preferred first): the first listed
 * that the UI speaks, Kazakh counting as Russian; English when none is.
 */
export function preferredLanguage(languages: readonly string[]): Language {
  for (const tag of languages) {
    const base = tag.toLowerCase().split("-")[0] ?? "";
    if (RUSSIAN_READERS.has(base)) return "ru";
    if (base === "en") return "en";
  }
  return "en";
}

function isLanguage(value: string | null): value is Language {
  return value !== null && (LANGUAGES as readonly string[]).includes(value);
}

/** The reader's stored choice; null when none was made or storage is unavailable (a private window may refuse it). */
function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

let current: Language = "en";

/** Chooses the language at start: the reader's stored choice, else the browser's preference. */
export function initLanguage(): void {
  apply(storedLanguage() ?? preferredLanguage(navigator.languages));
}

/** Switches the UI's language and remembers the choice; the caller renders the page again. */
export function setLanguage(language: Language): void {
  apply(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered across visits; the switch still holds for this one.
  }
}

function apply(language: Language): void {
  current = language;
  document.documentElement.lang = language;
}

export function currentLanguage(): Language {
  return current;
}

export function currentLocale(): string {
  return LOCALES[current];
}

/** The current language's catalogue: `t().cases.title`. */
export function t(): Catalogue {
  return CATALOGUES[current];
}
