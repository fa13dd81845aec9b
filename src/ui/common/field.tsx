import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";

export interface FieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** A blocking problem (shown in red, sets aria-invalid). */
  error?: string | null | undefined;
  /** Advice or a warning that does not block. */
  hint?: string | null | undefined;
  type?: "text" | "email" | "tel" | "search";
  required?: boolean;
  inputMode?: "numeric" | "decimal" | "text" | "email" | "tel";
  placeholder?: string;
  testId?: string;
}

/** A labelled input whose hint or error is announced to screen readers (aria-describedby). */
export function Field(props: FieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = props.error ?? props.hint;
  return (
    <div class={`field${props.error ? " invalid" : ""}`}>
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        type={(props.type ?? "text") as "text"}
        value={props.value}
        required={props.required}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={note ? noteId : undefined}
        data-testid={props.testId}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {note && (
        <p id={noteId} class={props.error ? "error" : "hint"} aria-live="polite">
          {note}
        </p>
      )}
    </div>
  );
}

export function Select<T extends string>(props: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.currentTarget.value as T)}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Notice(props: { kind: "ok" | "error" | "info"; children: ComponentChildren }) {
  return (
    <p class={`notice ${props.kind}`} role={props.kind === "error" ? "alert" : "status"}>
      {props.children}
    </p>
  );
}

/** A button that opens the file chooser (a label over a hidden file input); `onFile` gets the chosen file. */
export function FileButton(props: {
  label: string;
  accept: string;
  testId: string;
  onFile: (file: File | undefined) => void;
  disabled?: boolean;
}) {
  return (
    <label class="button">
      {props.label}
      <input
        type="file"
        accept={props.accept}
        class="visually-hidden"
        data-testid={props.testId}
        onChange={(e) => props.onFile(e.currentTarget.files?.[0])}
        disabled={props.disabled}
      />
    </label>
  );
}
