import { parentPort } from "node:worker_threads";
import { analyzeBlocks } from "../core/boilerplate/analyze-blocks.ts";
import { packBlocks, type BlockAnalyzerReply } from "./block-analyzer.ts";

/** A thread of the block analyzer: a text in, its analyzed blocks out, packed, their arrays moved rather than copied. */
parentPort!.on("message", ({ id, text }: { id: number; text: string }) => {
  try {
    const blocks = packBlocks(analyzeBlocks(text));
    parentPort!.postMessage({ id, blocks } satisfies BlockAnalyzerReply, [blocks.spans.buffer as ArrayBuffer, blocks.words.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies BlockAnalyzerReply);
  }
});
