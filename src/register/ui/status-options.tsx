import { CLIENT_STATUS_LABELS, CLIENT_STATUSES } from "../model/register-model.ts";

/** One <option> per client status, labelled as the register shows it. */
export function StatusOptions() {
  return (
    <>
      {CLIENT_STATUSES.map((s) => (
        <option key={s} value={s}>
          {CLIENT_STATUS_LABELS[s]}
        </option>
      ))}
    </>
  );
}
