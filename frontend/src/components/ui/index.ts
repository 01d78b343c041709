export { Badge, type BadgeProps, type BadgeTone } from "./Badge";
export { Button, type ButtonProps, type ButtonSize, type ButtonVariant } from "./Button";
export { Card, type CardProps } from "./Card";
export { EmptyState, type EmptyStateProps } from "./EmptyState";
export { ErrorState, type ErrorStateProps } from "./ErrorState";
export {
  Checkbox,
  Field,
  Input,
  Select,
  TextArea,
  useFieldIds,
  type CheckboxProps,
  type FieldProps,
  type InputProps,
  type SelectOption,
  type SelectOptionGroup,
  type SelectProps,
  type TextAreaProps,
} from "./Field";
export { PageHeader, type PageHeaderProps } from "./PageHeader";
export { Spinner, type SpinnerProps } from "./Spinner";
export { Stat, StatGrid, type StatProps } from "./Stat";
export { Table, type TableProps } from "./Table";
export { Tabs, type TabItem, type TabsProps } from "./Tabs";
