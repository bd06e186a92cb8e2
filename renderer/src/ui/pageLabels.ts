// The viewer's "Go to page": hearing packs number pages by section (A1, B12), as the panel says them.
/**
 * The page a person asked for: a label as the pack numbers it ("b12", "B 12"); a place in the file marked with #
 * ("#40"); or a plain number, which is a label when the file has that label (a pack numbered 1, 2 … after its
 * index) and a place otherwise. Otherwise the sentence to show.
 */
export function findPage(asked: string, labels: string[] | null, pages: number): number | string {
  const want = asked.replace(/\s+/g, '').toUpperCase();
  if (!want) return 'Type the page to go to.';
  if (labels) {
    const i = labels.findIndex((l) => l.replace(/\s+/g, '').toUpperCase() === want);
    if (i >= 0) return i + 1;
  }
  const place = /^#(\d+)$/.exec(want);
  if (place) {
    const n = Number(place[1]);
    return n >= 1 && n <= pages ? n : `There is no page ${asked.trim()} in this file; it has ${pages} page${pages === 1 ? '' : 's'}.`;
  }
  if (/^\d+$/.test(want)) {
    const n = Number(want);
    if (n >= 1 && n <= pages) return n;
  }
  return labels
    ? `There is no page ${asked.trim()} in this file; its pages run from ${labels[0]} to ${labels[pages - 1]} (or #1 to #${pages} by place).`
    : `There is no page ${asked.trim()} in this file; its pages run from 1 to ${pages}.`;
}
