import { useId, type ReactNode } from "react";

import { Checkbox } from "../../components/ui";

export interface CheckboxOption {
  value: string;
  label: string;
}

export interface CheckboxGroupProps {
  /** The group's legend, which names it. */
  legend: string;
  /** Options, or labelled sections of options. */
  sections: { title?: string; options: CheckboxOption[] }[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  hint?: ReactNode;
  error?: ReactNode;
}

/** A fieldset of checkboxes that picks several values, with its hint or error. */
export function CheckboxGroup({ legend, sections, selected, onChange, hint, error }: CheckboxGroupProps) {
  const id = useId();
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...selected, value] : selected.filter((item) => item !== value));
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <fieldset
      className={["field", "checkbox-group", error ? "field-invalid" : null].filter(Boolean).join(" ")}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field-label">{legend}</legend>
      {sections.map((section, index) => (
        <div key={section.title ?? index} className="checkbox-section">
          {section.title && <p className="checkbox-section-title">{section.title}</p>}
          <div className="checkbox-grid">
            {section.options.map((option) => (
              <Checkbox
                key={option.value}
                label={option.label}
                checked={selected.includes(option.value)}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
            ))}
          </div>
        </div>
      ))}
      {hint && !error && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
