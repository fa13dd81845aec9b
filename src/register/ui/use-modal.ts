import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";

/** A <dialog> shown as modal while `open` is truthy, closed otherwise. */
export function useModal(open: unknown): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open) ref.current?.showModal();
    else ref.current?.close();
  }, [open]);
  return ref;
}
