/**
 * All elements under `root` in document order. linkedom answers each `querySelectorAll` with a walk over
 * the whole document, so readers that need several kinds of element share one list instead.
 */
export function elementsInOrder(root: Node): Element[] {
  const elements: Element[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 1) elements.push(node as Element);
    pushChildren(stack, node);
  }
  return elements;
}

/** Pushes a node's children so that the first child is popped first. */
export function pushChildren<T>(stack: Array<Node | T>, node: Node): void {
  for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
}

/**
 * An attribute's value, read from its node: linkedom answers `getAttribute("class")` by building a
 * DOMTokenList, which on every element of a page costs more than the rest of the page survey.
 */
export function attribute(el: Element, name: string): string | null {
  return el.getAttributeNode(name)?.value ?? null;
}
