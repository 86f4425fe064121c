/**
 * Russian → Latin transliteration and a spelling-blind "skeleton" for comparing names across scripts.
 * Names cross from English to Russian by sound, not letter (Presley → Пресли, Phillips → Филлипс,
 * Moore → Мур), so exact transliteration rarely reproduces the English spelling; the skeleton keeps the
 * consonants in order after folding the letters that spell one sound several ways.
 */

const RU_TO_LATIN: Readonly<Record<string, string>> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m",
  н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch",
  ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

/** Lower-case Latin transliteration (close to BGN/PCGN, without diacritics). */
export function transliterate(russian: string): string {
  let out = "";
  for (const ch of russian.toLowerCase()) out += RU_TO_LATIN[ch] ?? ch;
  return out;
}

/**
 * The consonant skeleton of a Latin word: digraphs folded to one letter (ph→f, ck/q/c→k, x→ks, sh/zh/ch/kh
 * kept as one symbol each), w→v, j→y, "h" after a consonant dropped, vowels and y dropped, doubled letters
 * collapsed. "Presley" and "Presli" both give "prsl"; "Phillips" and "Fillips" give "flps".
 */
export function skeleton(latin: string): string {
  let s = latin.toLowerCase().replace(/[^a-z]/g, "");
  s = s
    .replace(/shch/g, "Ш")
    .replace(/sh/g, "Ш")
    .replace(/zh/g, "Ж")
    .replace(/ch/g, "Ч")
    .replace(/kh/g, "k")
    .replace(/ts/g, "Ц")
    .replace(/ph/g, "f")
    .replace(/ck/g, "k")
    .replace(/x/g, "ks")
    .replace(/q/g, "k")
    .replace(/c(?=[eiy])/g, "s")
    .replace(/c/g, "k")
    .replace(/w/g, "v")
    .replace(/j/g, "y")
    .replace(/([bdfgklmnprstvz])h/g, "$1")
    .replace(/^h/, "");
  s = s.replace(/[aeiouy]/g, "");
  return s.replace(/(.)\1+/g, "$1");
}
