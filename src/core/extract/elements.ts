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
    for (let child = node.lastChild; child; child = child.previousSibling) if (child.nodeType === 1) stack.push(child);
  }
  return elements;
}
