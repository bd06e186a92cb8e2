import { Fragment, type ReactNode } from 'react';
import type { Block, DocumentModel, Run } from '../../../shared/documents/model';

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((r, i) => {
        const t = r.text.split('\n').flatMap((part, j) => (j ? [<br key={`b${j}`} />, part] : [part]));
        const inner = r.italic ? <em>{t}</em> : <>{t}</>;
        return <span key={i}>{r.bold ? <strong>{inner}</strong> : inner}</span>;
      })}
    </>
  );
}

/**
 * The document model shown as the page will read (headings sit below the screen's own heading). `wrap` puts
 * something around each block (the review's paragraph numbers and comments); it gets the block's index in the
 * model, which is how comments are anchored.
 */
export function DocumentPreview({ model, wrap }: { model: DocumentModel; wrap?: (index: number, rendered: ReactNode, block: Block) => ReactNode }) {
  const H = (level: number, text: string, key: number) => {
    const Tag = (['h3', 'h4', 'h5', 'h6'] as const)[Math.min(level, 3)]!;
    return <Tag key={key}>{text}</Tag>;
  };
  const block = (b: Block, i: number) => {
    switch (b.type) {
      case 'title':
        return H(0, b.text, i);
      case 'heading':
        return H(b.level, b.text, i);
      case 'paragraph':
        return b.style === 'quote' ? (
          <blockquote key={i}>
            <Runs runs={b.runs} />
          </blockquote>
        ) : (
          <p key={i} className={b.style === 'right' ? 'align-right' : undefined}>
            <Runs runs={b.runs} />
          </p>
        );
      case 'list': {
        const items = b.items.map((it, j) => (
          <li key={j}>
            <Runs runs={it} />
          </li>
        ));
        return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
      }
      case 'table':
        return (
          <table key={i} className="table">
            {b.header.some((h) => h.trim()) && (
              <thead>
                <tr>
                  {b.header.map((h, j) => (
                    <th key={j} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
            )}
            <tbody>
              {b.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c}>
                      <Runs runs={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      case 'pageBreak':
        return <hr key={i} aria-hidden="true" />;
      case 'spacer':
        return null;
      case 'signature':
        return (
          <p key={i} className="signature">
            Signed: ____________________
            <br />
            <strong>{b.name}</strong>
            <br />
            {b.role}
            {b.date !== undefined && (
              <>
                <br />
                Date: {b.date || '____________'}
              </>
            )}
          </p>
        );
    }
  };
  return (
    <article className="doc-preview" aria-label={`Preview of the ${model.title}`}>
      <p className="doc-preview__meta">
        {model.marking} · {model.reference} · {model.draft ? `DRAFT version ${model.draft.version}` : 'FINAL'}
      </p>
      <p className="hint">{model.variantNote}</p>
      {model.blocks.map((b, i) => (wrap ? <Fragment key={i}>{wrap(i, block(b, i), b)}</Fragment> : block(b, i)))}
    </article>
  );
}

