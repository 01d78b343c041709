import type { ReactNode, TableHTMLAttributes } from "react";

export interface TableProps extends TableHTMLAttributes<HTMLTableElement> {
  /** The table's accessible name. */
  label: string;
  /** A visible caption; the label names the table when there is none. */
  caption?: ReactNode;
  /** Tighter rows, for dense numeric tables. */
  compact?: boolean;
}

/** A styled table that scrolls sideways on narrow screens; write its `thead`/`tbody` as children. */
export function Table({ label, caption, compact = false, className, children, ...rest }: TableProps) {
  const classes = ["table", compact ? "table-compact" : null, className].filter(Boolean).join(" ");
  return (
    <div className="table-wrap">
      <table className={classes} aria-label={caption ? undefined : label} {...rest}>
        {caption && <caption>{caption}</caption>}
        {children}
      </table>
    </div>
  );
}
