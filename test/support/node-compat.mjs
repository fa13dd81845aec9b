// Node 20 (Debian's and this project's machines) lacks ES2024's Map.groupBy, which vitest 5's reporter
// calls when it prints failures: without this, a failing test crashes the reporter instead of
// explaining itself. Loaded with `node --import` by the test scripts only; the extension never sees it.
if (typeof Map.groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    configurable: true,
    writable: true,
    value(items, keyOf) {
      const groups = new Map();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      return groups;
    },
  });
}
if (typeof Object.groupBy !== "function") {
  Object.defineProperty(Object, "groupBy", {
    configurable: true,
    writable: true,
    value(items, keyOf) {
      const groups = Object.create(null);
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        if (groups[key]) groups[key].push(item);
        else groups[key] = [item];
      }
      return groups;
    },
  });
}
