import {
  PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObjectCopier, PDFOperator, PDFOperatorNames, PDFPage, PDFPageLeaf, PDFRef,
  type PDFContext, type PDFObject,
} from 'pdf-lib';

/**
 * The hearing pack's structure tree (tagged PDF), built as the pack is assembled:
 *   Document
 *     Sect "Index": H1, P, Table (TR → TH/TD; each title a Link tied to its annotation by an OBJR)
 *     Part per document (T = its title in the index):
 *       – a tagged source (our documents, PDFKit with a structure tree): its own elements, copied with its
 *         pages by one copier, so every /Pg points at the copied page; its ParentTree entries renumbered;
 *       – an untagged source: each page's content as one marked-content sequence of the Part (what a reader's
 *         tools would read from an untagged page, now in the pack's reading order);
 *       – pages the pack writes itself (blank padding, redacted pictures with their text layer): P elements.
 * Stamped page numbers, rules and repeated column headings are artifacts (pagination/layout), never content.
 */

type Kid = PDFRef | PDFDict | PDFNumber;

export interface TagStats {
  /** Documents whose own structure was copied. */
  tagged: number;
  /** Documents whose pages were marked as one untagged sequence each. */
  untagged: number;
  /** Tagged documents whose structure could not be kept (a redacted page), left as unmarked content. */
  unmarked: number;
}

export class PackTags {
  private readonly ctx: PDFContext;
  private readonly parentTree = new Map<number, PDFObject>();
  private nextKey = 0;
  readonly rootRef: PDFRef;
  readonly documentRef: PDFRef;
  private readonly documentKids: PDFRef[] = [];
  private readonly roleMap = new Map<string, PDFName>();
  /** Each page's marked-content ids so far, and its ParentTree key. */
  private readonly pageMarks = new Map<PDFRef, { key: number; owners: PDFRef[] }>();
  readonly stats: TagStats = { tagged: 0, untagged: 0, unmarked: 0 };

  constructor(private readonly out: PDFDocument) {
    this.ctx = out.context;
    this.rootRef = this.ctx.nextRef();
    this.documentRef = this.ctx.nextRef();
  }

  /** A new structure element under `parent` (its kids filled in later through `kids`). */
  element(type: string, parent: PDFRef, extra: { title?: string; alt?: string; attributes?: Record<string, unknown> } = {}): PDFRef {
    const ref = this.ctx.nextRef();
    const dict = this.ctx.obj({ Type: 'StructElem', S: type, P: parent, K: [] }) as PDFDict;
    if (extra.title) dict.set(PDFName.of('T'), PDFHexString.fromText(extra.title));
    if (extra.alt) dict.set(PDFName.of('Alt'), PDFHexString.fromText(extra.alt));
    if (extra.attributes) dict.set(PDFName.of('A'), this.ctx.obj(extra.attributes as never));
    this.ctx.assign(ref, dict);
    if (parent === this.documentRef) this.documentKids.push(ref);
    else this.kids(parent).push(ref);
    return ref;
  }

  private kids(el: PDFRef): PDFArray {
    return this.ctx.lookup(el, PDFDict).lookup(PDFName.of('K'), PDFArray);
  }

  /** The next marked-content id on `page`, owned by `owner`; the page gets its ParentTree key the first time. */
  mcid(page: PDFPage, owner: PDFRef): number {
    let marks = this.pageMarks.get(page.ref);
    if (!marks) {
      marks = { key: this.nextKey++, owners: [] };
      this.pageMarks.set(page.ref, marks);
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(marks.key));
    }
    const id = marks.owners.length;
    marks.owners.push(owner);
    this.kids(owner).push(this.ctx.obj({ Type: 'MCR', Pg: page.ref, MCID: id }));
    return id;
  }

  /** Draws `draw` on `page` as content of a new element of `type` under `parent`. */
  tagged(page: PDFPage, type: string, parent: PDFRef, draw: () => void, extra: Parameters<PackTags['element']>[2] = {}): PDFRef {
    const el = this.element(type, parent, extra);
    this.mark(page, el, type, draw);
    return el;
  }

  /** Draws `draw` on `page` as content of the existing element `el`. */
  mark(page: PDFPage, el: PDFRef, tag: string, draw: () => void): void {
    const id = this.mcid(page, el);
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of(tag), `<</MCID ${id}>>`]));
    draw();
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  }

  /** Draws `draw` on `page` as an artifact (not read out): rules, repeated headings. */
  artifact(page: PDFPage, type: 'Pagination' | 'Layout', draw: () => void): void {
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Artifact'), `<</Type /${type}>>`]));
    draw();
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  }

  /** An annotation (a link) as a kid of `el`: an OBJR, and the annotation's StructParent. */
  annotation(annotRef: PDFRef, page: PDFPage, el: PDFRef): void {
    const key = this.nextKey++;
    this.parentTree.set(key, el);
    const annot = this.ctx.lookup(annotRef, PDFDict);
    annot.set(PDFName.of('StructParent'), PDFNumber.of(key));
    this.kids(el).push(this.ctx.obj({ Type: 'OBJR', Obj: annotRef, Pg: page.ref }));
  }

  /**
   * Copies `indices` of a tagged source's pages into the pack with their structure: one copier for pages and
   * elements, so each element's /Pg is the copied page; the source's top element (Document) is unwrapped into
   * `part`; ParentTree entries get the pack's own keys. Returns the copied pages, or null when the source has
   * no usable structure tree (the caller copies its pages untagged).
   */
  async copyTagged(src: PDFDocument, part: PDFRef): Promise<PDFPage[] | null> {
    const root = src.catalog.lookup(PDFName.of('StructTreeRoot'));
    if (!(root instanceof PDFDict)) return null;
    const parentTree = root.lookup(PDFName.of('ParentTree'));
    if (!(parentTree instanceof PDFDict)) return null;
    const nums = numberTree(src.context, parentTree);
    const top = root.get(PDFName.of('K'));
    const topKids = top instanceof PDFArray ? top.asArray() : top ? [top] : [];
    if (!topKids.length || !topKids.every((k) => k instanceof PDFRef && src.context.lookup(k) instanceof PDFDict)) return null;
    // The elements to copy: the kids of a single top Document element, or the top elements themselves.
    let elements = topKids as PDFRef[];
    if (elements.length === 1) {
      const only = src.context.lookup(elements[0]!, PDFDict);
      const inner = only.get(PDFName.of('K'));
      const innerKids = inner instanceof PDFArray ? inner.asArray() : inner ? [inner] : [];
      if (only.get(PDFName.of('S'))?.toString() === '/Document' && innerKids.length && innerKids.every((k) => k instanceof PDFRef && src.context.lookup(k) instanceof PDFDict)) {
        elements = innerKids as PDFRef[];
      }
    }
    // Cut the copied elements loose from the source's tree before copying, so the copier never reaches the
    // source's root (nor, through it, anything else of the source).
    for (const e of elements) src.context.lookup(e, PDFDict).delete(PDFName.of('P'));
    await src.flush();
    const copier = PDFObjectCopier.for(src.context, this.ctx);
    const pages = src.getPages().map((p) => {
      const ref = copier.copy(p.ref);
      return PDFPage.of(this.ctx.lookup(ref) as PDFPageLeaf, ref, this.out);
    });
    for (const e of elements) {
      const copied = copier.copy(e);
      this.ctx.lookup(copied, PDFDict).set(PDFName.of('P'), part);
      this.kids(part).push(copied);
    }
    // The pages' and annotations' entries of the source's ParentTree, under new keys.
    const renumber = (holder: PDFDict, key: 'StructParents' | 'StructParent') => {
      const old = holder.get(PDFName.of(key));
      if (!(old instanceof PDFNumber)) return;
      const entry = nums.get(old.asNumber());
      if (entry === undefined) {
        holder.delete(PDFName.of(key));
        return;
      }
      const k = this.nextKey++;
      holder.set(PDFName.of(key), PDFNumber.of(k));
      this.parentTree.set(k, copier.copy(entry));
    };
    for (const p of pages) {
      renumber(p.node, 'StructParents');
      const annots = p.node.lookup(PDFName.of('Annots'));
      if (annots instanceof PDFArray) for (const a of annots.asArray()) {
        const d = a instanceof PDFRef ? this.ctx.lookup(a) : a;
        if (d instanceof PDFDict) renumber(d, 'StructParent');
      }
    }
    const roles = root.lookup(PDFName.of('RoleMap'));
    if (roles instanceof PDFDict) for (const [k, v] of roles.entries()) if (v instanceof PDFName && !this.roleMap.has(k.decodeText())) this.roleMap.set(k.decodeText(), v);
    this.stats.tagged++;
    return pages;
  }

  /** Writes the tree: root, ParentTree (every page's marks and every copied entry), RoleMap. */
  finish(): void {
    for (const { key, owners } of this.pageMarks.values()) this.parentTree.set(key, this.ctx.obj(owners));
    const nums: PDFObject[] = [];
    for (const k of [...this.parentTree.keys()].sort((a, b) => a - b)) nums.push(PDFNumber.of(k), this.parentTree.get(k)!);
    this.ctx.assign(this.documentRef, this.ctx.obj({ Type: 'StructElem', S: 'Document', P: this.rootRef, K: this.documentKids, Lang: 'en-GB' } as never));
    const root = this.ctx.obj({ Type: 'StructTreeRoot', K: this.documentRef, ParentTree: this.ctx.obj({ Nums: nums }), ParentTreeNextKey: this.nextKey }) as PDFDict;
    if (this.roleMap.size) root.set(PDFName.of('RoleMap'), this.ctx.obj(Object.fromEntries([...this.roleMap].map(([k, v]) => [k, v])) as never));
    this.ctx.assign(this.rootRef, root);
    this.out.catalog.set(PDFName.of('StructTreeRoot'), this.rootRef);
  }

  /**
   * Marked true only when every page's content is in the tree with its own structure: untagged sources (marked
   * as one sequence a page) and tagged ones whose structure could not be kept make it false.
   */
  get fullyTagged(): boolean {
    return this.stats.untagged === 0 && this.stats.unmarked === 0;
  }
}

/** Every entry of a number tree (Nums, and Kids recursively), as key → value (references kept). */
function numberTree(ctx: PDFContext, node: PDFDict, out = new Map<number, PDFObject>(), depth = 0): Map<number, PDFObject> {
  if (depth > 20) return out;
  const nums = node.lookup(PDFName.of('Nums'));
  if (nums instanceof PDFArray) {
    for (let i = 0; i + 1 < nums.size(); i += 2) {
      const k = nums.get(i);
      const key = k instanceof PDFRef ? ctx.lookup(k) : k;
      if (key instanceof PDFNumber) out.set(key.asNumber(), nums.get(i + 1));
    }
  }
  const kids = node.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) for (const k of kids.asArray()) {
    const d = k instanceof PDFRef ? ctx.lookup(k) : k;
    if (d instanceof PDFDict) numberTree(ctx, d, out, depth + 1);
  }
  return out;
}

export type { Kid };
