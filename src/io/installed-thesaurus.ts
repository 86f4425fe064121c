import { existsSync, readFileSync } from "node:fs";
import { parseMythes, type Thesaurus } from "../core/paraphrase/thesaurus.ts";

/** Where Debian's `mythes-ru` installs the Russian LibreOffice thesaurus (scripts/ensure-thesaurus.sh installs it). */
export const THESAURUS_FILE = "/usr/share/mythes/th_ru_RU_v2.dat";

/** The installed thesaurus, or why there is none: the paraphrase stage then compares stems only. */
export type InstalledThesaurus = { thesaurus: Thesaurus } | { thesaurus: null; missing: string };

let loaded: InstalledThesaurus | null = null;

/** Reads the thesaurus once per process: each of its words is stemmed (docs/EVALUATION.md, section 6, prints how long that takes). */
export function installedThesaurus(file = THESAURUS_FILE): InstalledThesaurus {
  if (file !== THESAURUS_FILE) return read(file);
  loaded ??= read(file);
  return loaded;
}

function read(file: string): InstalledThesaurus {
  if (!existsSync(file)) {
    return { thesaurus: null, missing: `no Russian thesaurus at ${file}: synonyms are not matched (install it with: apt-get install -y mythes-ru, or bash scripts/ensure-thesaurus.sh)` };
  }
  return { thesaurus: parseMythes(readFileSync(file, "utf8")) };
}
