import { isFailure } from "../../src/io/inputs/types.ts";
import type { InputFailure, InputItem, LoadedInput } from "../../src/io/inputs/types.ts";

/** Drains a loader, splitting what loaded from what failed. */
export async function collect(items: AsyncIterable<InputItem>): Promise<{ loaded: LoadedInput[]; failed: InputFailure[] }> {
  const loaded: LoadedInput[] = [];
  const failed: InputFailure[] = [];
  for await (const item of items) {
    if (isFailure(item)) failed.push(item);
    else loaded.push(item);
  }
  return { loaded, failed };
}

/** Drains a loader, keeping its items in the order it gave them. */
export async function inOrder(items: AsyncIterable<InputItem>): Promise<InputItem[]> {
  const all: InputItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}
