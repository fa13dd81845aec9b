// Says which stored values today's schema rejected (written by an older version, or damaged): the
// register still opens with them repaired or left out, and their originals are kept aside.
import { t } from "../../core/browser.ts";
import type { SetAside } from "../../register/messages.ts";
import { Notice } from "../../ui/common/field.tsx";

function area(key: string): string {
  if (key === "settings") return t("backgroundSetAsideSettings");
  if (key === "collaborators") return t("backgroundSetAsideCollaborators");
  return t("backgroundSetAsideClient");
}

export function SetAsideNotice(props: { setAside: readonly SetAside[] | undefined }) {
  const items = props.setAside ?? [];
  if (items.length === 0) return null;
  return (
    <Notice kind="info">
      <span data-testid="set-aside">{t("backgroundSetAside", String(items.length))}</span>
      <ul>
        {items.map((a) => (
          <li key={a.key}>
            {area(a.key)} {a.repaired ? t("backgroundSetAsideRepaired") : t("backgroundSetAsideLeftOut")}{" "}
            {a.problems.join(" ; ")}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
