import { useEffect, useRef } from 'react';

/** Moves focus to a screen's heading when it opens, so keyboard and screen-reader users start at the top. */
export function useFocusHeading<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
