import { parseMythes } from "../../src/core/paraphrase/thesaurus.ts";

/**
 * A MyThes file written for these tests (fictional entries in the format of Debian's mythes-ru): the synonyms the
 * rewritten sentence below uses, an antonym line that must not join its words, and a phrase that must be left out.
 */
export const THESAURUS_DAT = [
  "UTF-8",
  "строительство|1",
  "(синоним)|возведение|постройка",
  "больница|1",
  "(синоним)|госпиталь|лечебница",
  "окраина|1",
  "(синоним)|пригород|предместье",
  "объявить|2",
  "(синоним)|анонсировать|огласить|сообщить во всеуслышание",
  "(антоним)|скрыть",
  "",
].join("\n");

export const thesaurus = parseMythes(THESAURUS_DAT);

// Fictional news sentences: the source's, and a rewrite of it through the synonyms above.
export const SOURCE_SENTENCE = "Городской акимат объявил о строительстве новой больницы на окраине Павлодара.";
export const REWRITTEN_SENTENCE = "Власти Павлодара анонсировали возведение нового госпиталя в пригороде.";
export const UNRELATED_SENTENCE = "Футбольный клуб из Костаная выиграл кубок страны впервые за двенадцать лет.";
