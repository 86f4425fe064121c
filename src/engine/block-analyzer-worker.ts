import { parentPort } from "node:worker_threads";
import { analyzeBlocks } from "../core/boilerplate/analyze-blocks.ts";
import type { BlockAnalyzerReply } from "./block-analyzer.ts";

/** A thread of the block analyzer: a text in, its analyzed blocks out, their word arrays moved rather than copied. */
parentPort!.on("message", ({ id, text }: { id: number; text: string }) => {
  try {
    const blocks = analyzeBlocks(text);
    // The blocks' words share their buffers (see `analyzeBlocks`); each is moved once.
    const buffers = [...new Set(blocks.flatMap((b) => [b.words.codes.buffer as ArrayBuffer, b.words.sentences.buffer as ArrayBuffer]))];
    // Without their texts, which the writer has: it cuts them out of the text it sent.
    parentPort!.postMessage({ id, blocks: blocks.map(({ text: _, ...block }) => block) } satisfies BlockAnalyzerReply, buffers);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies BlockAnalyzerReply);
  }
});
