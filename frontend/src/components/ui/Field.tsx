import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

export interface FieldProps {
  label: ReactNode;
  /** The id of the control the label names. */
  htmlFor: string;
  hint?: ReactNode;
  /** A problem with the value, shown under the control. */
  error?: ReactNode;
  hintId?: string;
  errorId?: string;
  className?: string;
  children: ReactNode;
}

/** A label, a control, and its hint or error; for custom controls (Input/Select/TextArea use it). */
export function Field({ label, htmlFor, hint, error, hintId, errorId, className, children }: FieldProps) {
  return (
    <div className={["field", error ? "field-invalid" : null, className].filter(Boolean).join(" ")}>
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint && !error && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The ids and ARIA attributes that tie a control to its field's hint and error. */
export function useFieldIds(id: string | undefined, hint: ReactNode, error: ReactNode) {
  const generated = useId();
  const controlId = id ?? generated;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = error ? errorId : hint ? hintId : undefined;
  return {
    controlId,
    hintId,
    errorId,
    aria: { "aria-describedby": describedBy, "aria-invalid": error ? true : undefined },
  };
}

interface FieldControlProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  fieldClassName?: string;
}

export type InputProps = InputHTMLAttributes<HTMLInputElement> & FieldControlProps;

export function Input({ label, hint, error, fieldClassName, id, className, ...rest }: InputProps) {
  const { controlId, hintId, errorId, aria } = useFieldIds(id, hint, error);
  return (
    <Field
      label={label}
      htmlFor={controlId}
      hint={hint}
      error={error}
      hintId={hintId}
      errorId={errorId}
      className={fieldClassName}
    >
      <input id={controlId} className={["input", className].filter(Boolean).join(" ")} {...aria} {...rest} />
    </Field>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectOptionGroup {
  label: string;
  options: SelectOption[];
}

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> &
  FieldControlProps & {
    /** Options, or labelled groups of options; or write `option` children instead. */
    options?: (SelectOption | SelectOptionGroup)[];
  };

export function Select({ label, hint, error, fieldClassName, id, className, options, children, ...rest }: SelectProps) {
  const { controlId, hintId, errorId, aria } = useFieldIds(id, hint, error);
  return (
    <Field
      label={label}
      htmlFor={controlId}
      hint={hint}
      error={error}
      hintId={hintId}
      errorId={errorId}
      className={fieldClassName}
    >
      <select id={controlId} className={["input", "select", className].filter(Boolean).join(" ")} {...aria} {...rest}>
        {options?.map((item) =>
          "options" in item ? (
            <optgroup key={item.label} label={item.label}>
              {item.options.map((option) => (
                <option key={option.value} value={option.value} disabled={option.disabled}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ) : (
            <option key={item.value} value={item.value} disabled={item.disabled}>
              {item.label}
            </option>
          ),
        )}
        {children}
      </select>
    </Field>
  );
}

export type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & FieldControlProps;

export function TextArea({ label, hint, error, fieldClassName, id, className, ...rest }: TextAreaProps) {
  const { controlId, hintId, errorId, aria } = useFieldIds(id, hint, error);
  return (
    <Field
      label={label}
      htmlFor={controlId}
      hint={hint}
      error={error}
      hintId={hintId}
      errorId={errorId}
      className={fieldClassName}
    >
      <textarea id={controlId} className={["input", "textarea", className].filter(Boolean).join(" ")} {...aria} {...rest} />
    </Field>
  );
}

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  label: ReactNode;
  hint?: ReactNode;
}

export function Checkbox({ label, hint, id, className, ...rest }: CheckboxProps) {
  const generated = useId();
  const controlId = id ?? generated;
  return (
    <div className={["checkbox", className].filter(Boolean).join(" ")}>
      <input
        id={controlId}
        type="checkbox"
        aria-describedby={hint ? `${controlId}-hint` : undefined}
        {...rest}
      />
      <label htmlFor={controlId}>{label}</label>
      {hint && (
        <p className="field-hint" id={`${controlId}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
