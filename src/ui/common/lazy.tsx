import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

/**
 * A component whose code is loaded the first time it is shown: the options page opens on the clients
 * table, and the import (CSV/XLSX readers), export and settings code would only delay its first paint.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      pending ??= load().then((c) => (loaded = c));
      void pending.then((c) => live && setComponent(() => c));
      return () => {
        live = false;
      };
    }, []);
    return Component ? <Component {...props} /> : null;
  };
}
