// French display formats shared by the popup, the options page and the page panels (ui.md: "15 octobre
// 2026"). Built on first use: an Intl formatter costs a locale lookup, and the content script runs on
// every page load, most of which format nothing.
let dateTime: Intl.DateTimeFormat | undefined;
let date: Intl.DateTimeFormat | undefined;

export const formatDateTime = (iso: string): string => {
  dateTime ??= new Intl.DateTimeFormat("fr-FR", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  });
  return dateTime.format(new Date(iso));
};
export const formatDate = (iso: string): string => {
  date ??= new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });
  return date.format(new Date(iso));
};
