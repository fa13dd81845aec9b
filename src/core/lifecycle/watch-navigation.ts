// Same-document navigations (history.pushState / replaceState, Back/Forward, #anchors) as seen from a
// content script. Patching `history` here would not help: the content script runs in an isolated
// world, its `history` wrapper is not the one the page's scripts call. So:
// - Chromium (and any browser with the Navigation API): `navigation`'s `currententrychange` fires for
//   every same-document navigation of the page, pushState and replaceState included, in every world;
// - everywhere: `popstate` and `hashchange`;
// - without the Navigation API (Firefox today): the URL is compared at every DOM burst the lifecycle
//   sees (an in-place view switch changes the DOM too) and by a slow poll while the tab is visible,
//   for a pushState that changes nothing else. No MAIN-world script is needed for this.

/** Poll interval of the URL when the Navigation API is missing. */
export const URL_POLL_MS = 1_000;

interface NavigationLike {
  addEventListener(type: "currententrychange", listener: () => void, options?: AddEventListenerOptions): void;
}

export function watchNavigation(
  win: Window,
  onNavigate: () => void,
  signal: AbortSignal,
  pollMs = URL_POLL_MS,
): void {
  const navigation = (win as unknown as { navigation?: NavigationLike }).navigation;
  if (navigation && typeof navigation.addEventListener === "function") {
    navigation.addEventListener("currententrychange", onNavigate, { signal });
  } else {
    const timer = setInterval(() => {
      if (win.document.visibilityState !== "hidden") onNavigate();
    }, pollMs);
    signal.addEventListener("abort", () => clearInterval(timer), { once: true });
  }
  win.addEventListener("popstate", onNavigate, { signal });
  win.addEventListener("hashchange", onNavigate, { signal });
}
