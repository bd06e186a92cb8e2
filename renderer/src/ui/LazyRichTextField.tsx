import { lazy, Suspense, type ComponentProps } from 'react';
import { richToPlain } from '../../../shared/domain/richText';
import type { RichTextField as Editor } from './RichTextField';

/**
 * The rich text editor (TipTap and ProseMirror, about a quarter of the window's code) is loaded the first time a
 * tab shows one, not with the unlock screen. Until it has loaded, the field shows its label and text, read-only.
 */
const RichTextFieldNow = lazy(() => import('./RichTextField').then((m) => ({ default: m.RichTextField })));

export function RichTextField(props: ComponentProps<typeof Editor>) {
  return (
    <Suspense
      fallback={
        <div className="field" aria-busy="true">
          <p>{props.label}</p>
          <p className="hint">{richToPlain(props.value) || 'Loading the editor…'}</p>
        </div>
      }
    >
      <RichTextFieldNow {...props} />
    </Suspense>
  );
}
